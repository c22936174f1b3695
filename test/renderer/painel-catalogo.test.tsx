// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { runOutcome } from '../../renderer/src/screens/painel/outcome.ts';
import { renderApp } from './render.tsx';

describe('refused ERP rows, the Painel charts', () => {
  it('Catálogo lists each refused row with its place, record, field and reason', async () => {
    renderApp('#/catalogo');
    const table = await screen.findByRole('table', { name: /Linhas do ERP recusadas/ });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Categorias', '6', 'Órfã', 'Categoria pai', "a categoria pai 'Inexistente' não existe na aba Categorias"],
      ['Produtos', '4', 'N-3', 'Preço', "'abc' não é um valor"],
    ]);
  });

  it('Catálogo says on its row why an entity is not sent (wedding lists over REST)', async () => {
    const reason = 'A API (REST) da Tray não tem listas de casamento; para enviá-las, conecte pelo WebService (SOAP).';
    renderApp('#/catalogo', { catalogUnavailable: { listas: reason } });
    const row = await screen.findByRole('row', { name: /Listas de casamento/ });
    expect(row.children[1]?.textContent).toBe(`Não enviado: ${reason}`);
    // The others keep their last push.
    expect(screen.getByRole('row', { name: /^Marcas/ }).children[1]?.textContent).not.toMatch(/Não enviado/);
  });

  it('the Painel counts refused rows and gives each chart a table screen readers get', async () => {
    renderApp('#/');
    const counter = await screen.findByRole('link', { name: /Linhas do ERP recusadas/ });
    expect(counter.textContent).toContain('2');
    expect(counter.getAttribute('href')).toBe('#/catalogo');
    const orders = await screen.findByRole('table', { name: 'Pedidos por dia (últimos 30 dias)' });
    expect(within(orders).getAllByRole('row')).toHaveLength(31);
    const health = screen.getByRole('table', { name: 'Saúde das rotinas (últimas execuções)' });
    const catalog = within(health).getByRole('row', { name: /Catálogo/ });
    // Two catalogue runs: one clean, one that refused rows ("Concluído com avisos").
    expect([...catalog.children].map((c) => c.textContent).slice(1, 4)).toEqual(['2', '1', '1']);
    // No English count keys reach the merchant.
    expect(document.body.textContent).not.toMatch(/erpProblems|weddingLists|criados:|fWS/);
  });

  it('a run that refused ERP rows is done with warnings, not plain done', () => {
    expect(runOutcome({ result: 'ok', counts: { created: 1, erpProblems: 3 } })).toBe('warnings');
    expect(runOutcome({ result: 'ok', counts: { created: 1, erpProblems: 0 } })).toBe('ok');
    expect(runOutcome({ result: 'partial', counts: { erpProblems: 3 } })).toBe('partial');
  });
});
