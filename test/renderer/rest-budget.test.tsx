// @vitest-environment happy-dom
/**
 * The Painel's REST budget card: today's calls in pt-BR numbers, split by priority, and when the
 * next catalogue pass fits, measured against the budget's own day; no card at all on SOAP.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RestBudgetView } from '../../shared/api/contract.ts';
import { nextPassText } from '../../renderer/src/screens/painel/RestBudgetCard.tsx';
import { renderApp } from './render.tsx';

const local = (h: number, m: number, day = 3) => new Date(2026, 11, day, h, m).toISOString();
const view = (pass: RestBudgetView['catalogPass']): RestBudgetView => ({
  day: '2026-12-03',
  perDay: 10_000,
  used: 3214,
  remaining: 6786,
  byPriority: { status: 412, orders: 2102, catalog: 700 },
  ceilings: { status: 10_000, orders: 9000, catalog: 6000 },
  resetsAt: local(0, 0, 4),
  catalogPass: pass,
});

describe('Painel: REST daily budget', () => {
  it('shows the day’s calls, by priority, and the next catalogue pass today', async () => {
    renderApp('#/', { restBudget: view({ calls: 120, at: local(15, 40), when: 'scheduled' }) });
    const card = await screen.findByRole('region', { name: 'Cota diária da API REST' });
    expect(within(card).getByText('3.214 de 10.000 chamadas hoje')).toBeTruthy();
    const text = card.textContent ?? '';
    expect(text).toContain('Status e rastreios412');
    expect(text).toContain('Pedidos2.102');
    expect(text).toContain('Catálogo700 (até 6.000)');
    expect(text).toContain('Próxima passagem do catálogo: hoje às 15:40');
    expect(within(card).getByRole('progressbar', { name: 'Chamadas usadas hoje' }).getAttribute('value')).toBe('3214');
  });

  it('counts against the store’s own limit (a large store’s 50,000 from Configurações)', async () => {
    const large: RestBudgetView = { ...view({ calls: 120, at: local(15, 40), when: 'now' }), perDay: 50_000, remaining: 46_786, ceilings: { status: 50_000, orders: 45_000, catalog: 30_000 } };
    renderApp('#/', { restBudget: large });
    const card = await screen.findByRole('region', { name: 'Cota diária da API REST' });
    expect(within(card).getByText('3.214 de 50.000 chamadas hoje')).toBeTruthy();
    expect(card.textContent ?? '').toContain('Catálogo700 (até 30.000)');
    expect(within(card).getByRole('progressbar', { name: 'Chamadas usadas hoje' }).getAttribute('max')).toBe('50000');
  });

  it('says "amanhã, após 00:00" once the day’s catalogue share is spent, and the other cases', () => {
    expect(nextPassText(view({ calls: 700, at: local(0, 0, 4), when: 'afterReset' }))).toBe('amanhã, após 00:00');
    expect(nextPassText(view({ calls: 700, at: local(0, 20, 4), when: 'scheduled' }))).toBe('amanhã às 00:20');
    expect(nextPassText(view({ calls: 700, at: local(9, 5, 6), when: 'scheduled' }))).toBe('06/12/2026 às 09:05');
    expect(nextPassText(view({ calls: 700, at: local(14, 0), when: 'now' }))).toBe('cabe agora');
    expect(nextPassText(view({ calls: 7000, at: null, when: 'never' }))).toBe('não cabe na parte do catálogo em um dia');
  });

  it('has no card on SOAP', async () => {
    renderApp('#/');
    await screen.findByRole('region', { name: 'Conexões' });
    expect(screen.queryByRole('region', { name: 'Cota diária da API REST' })).toBeNull();
  });
});
