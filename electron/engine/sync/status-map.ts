/**
 * The merchant's mapping between Ponte's local statuses and the store's own status ids. Ids differ
 * from store to store, so nothing is guessed: an unmapped status is an error the merchant can fix.
 */
import type { LocalStatus, StatusMappingEntry, StoreStatusOption } from '../../../shared/api/contract.ts';

const normalize = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^A-Z ]/g, ' ').replace(/\s+/g, ' ').trim();

/** Words that identify each local status among a store's status names, strongest first. */
const HINTS: Record<LocalStatus, string[][]> = {
  aguardando_pagamento: [['AGUARDANDO', 'PAGAMENTO'], ['AGUARDANDO']],
  pago: [['PAGAMENTO', 'APROVADO'], ['APROVADO'], ['PAGO']],
  em_separacao: [['SEPARACAO'], ['A ENVIAR'], ['PREPARANDO']],
  enviado: [['ENVIADO'], ['TRANSPORTE'], ['DESPACHADO']],
  entregue: [['ENTREGUE'], ['FINALIZADO'], ['CONCLUIDO']],
  cancelado: [['CANCELADO'], ['CANCELADA']],
};

/** Suggests the store status for a local one from the store's names (e.g. "ENVIADO"); null if none fits. */
export const suggestStoreStatus = (local: LocalStatus, statuses: StoreStatusOption[]): StoreStatusOption | null => {
  const names = statuses.map((s) => ({ status: s, name: normalize(s.name) }));
  // Hints in order of strength; within one, a status named exactly like it ("ENVIADO") beats one
  // that merely contains it ("ENVIADO - DEVOLVIDO").
  for (const words of HINTS[local]) {
    const exact = names.find((n) => n.name === words.join(' '));
    if (exact) return exact.status;
    const contains = names.find(
      ({ name }) => words.every((w) => ` ${name} `.includes(` ${w} `)) && !(local !== 'cancelado' && ` ${name} `.includes(' CANCEL')),
    );
    if (contains) return contains.status;
  }
  return null;
};

export type StatusResolution =
  | { ok: true; storeStatusId: number }
  | { ok: false; reason: 'unmapped' | 'not_pushed' };

export const resolveStoreStatus = (mapping: StatusMappingEntry[], local: LocalStatus): StatusResolution => {
  const entry = mapping.find((m) => m.local === local);
  if (!entry || entry.storeStatusId === null) return { ok: false, reason: 'unmapped' };
  if (!entry.push) return { ok: false, reason: 'not_pushed' };
  return { ok: true, storeStatusId: entry.storeStatusId };
};

/** The local status a store status id stands for, if the merchant mapped it. */
export const localStatusOf = (mapping: StatusMappingEntry[], storeStatusId: number): LocalStatus | null =>
  mapping.find((m) => m.storeStatusId === storeStatusId)?.local ?? null;
