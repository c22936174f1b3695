import type { LocalStatus, StoreStatusOption } from '../../../../shared/api/contract.ts';

/** Words a store's own status names use for each local status (Tray's defaults are upper case). */
const KEYWORDS: Record<LocalStatus, string[]> = {
  aguardando_pagamento: ['AGUARDANDO PAGAMENTO', 'A ENVIAR PAGAMENTO', 'AGUARDANDO'],
  pago: ['APROVADO', 'PAGO', 'PAGAMENTO CONFIRMADO'],
  em_separacao: ['SEPARACAO', 'SEPARANDO', 'EM PRODUCAO'],
  enviado: ['ENVIADO'],
  entregue: ['ENTREGUE'],
  cancelado: ['CANCELADO', 'CANCELAMENTO'],
};

const normalise = (name: string): string =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();

/** The store status whose name carries the local status' word, e.g. enviado → "PEDIDO ENVIADO". */
export const suggestStoreStatus = (local: LocalStatus, statuses: StoreStatusOption[]): StoreStatusOption | null => {
  for (const word of KEYWORDS[local]) {
    const hit = statuses.find((s) => normalise(s.name).includes(word));
    if (hit) return hit;
  }
  return null;
};
