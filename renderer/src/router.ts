import { useEffect, useRef, useState } from 'react';

export const SCREENS = ['painel', 'pedidos', 'exportar', 'catalogo', 'fila', 'atividade', 'configuracoes'] as const;
export type Screen = (typeof SCREENS)[number];

/** Hash routes, shared with the shell's notifications (electron/shell/screens.ts). */
export const SCREEN_HASH: Record<Screen, string> = {
  painel: '#/',
  pedidos: '#/pedidos',
  exportar: '#/exportar',
  catalogo: '#/catalogo',
  fila: '#/envios',
  atividade: '#/atividade',
  configuracoes: '#/configuracoes',
};

export interface Route {
  screen: Screen;
  /** #/pedidos/<id> */
  orderId: number | null;
  /** #/pedidos?filtro=notExported|noTracking */
  filter: 'notExported' | 'noTracking' | null;
}

export const parseHash = (hash: string): Route => {
  const [pathPart = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = pathPart.split('/').filter(Boolean);
  const first = parts[0] ?? '';
  const screen = (Object.entries(SCREEN_HASH).find(([, h]) => h === `#/${first}`)?.[0] ?? 'painel') as Screen;
  const id = screen === 'pedidos' && parts[1] ? Number(parts[1]) : NaN;
  const filtro = new URLSearchParams(query).get('filtro');
  return {
    screen: first === '' ? 'painel' : screen,
    orderId: Number.isInteger(id) && id > 0 ? id : null,
    filter: filtro === 'notExported' || filtro === 'noTracking' ? filtro : null,
  };
};

/**
 * A screen with unsaved work registers a guard: leaving it to another screen is held, the hash
 * put back, and the guard asked (it shows its question and calls `navigate` when the merchant agrees).
 */
type LeaveGuard = (target: string) => void;
let leaveGuard: LeaveGuard | null = null;

export const useRoute = (): Route => {
  const [hash, setHash] = useState(() => window.location.hash);
  const current = useRef(hash);
  useEffect(() => {
    const onChange = () => {
      const next = window.location.hash;
      if (leaveGuard && parseHash(next).screen !== parseHash(current.current).screen) {
        window.history.replaceState(null, '', current.current || '#/');
        leaveGuard(next);
        return;
      }
      current.current = next;
      setHash(next);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
};

/** While `active`, leaving the screen (or closing the window) asks first. */
export const useLeaveGuard = (active: boolean): { pending: string | null; leave: () => void; stay: () => void } => {
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!active) return undefined;
    leaveGuard = (target) => setPending(target);
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => {
      leaveGuard = null;
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [active]);
  return {
    pending,
    leave: () => {
      const target = pending;
      leaveGuard = null;
      setPending(null);
      if (target !== null) navigate(target);
    },
    stay: () => setPending(null),
  };
};

export const navigate = (hash: string): void => {
  window.location.hash = hash;
};
