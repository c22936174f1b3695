import { useEffect, useState } from 'react';

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

export const useRoute = (): Route => {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
};

export const navigate = (hash: string): void => {
  window.location.hash = hash;
};
