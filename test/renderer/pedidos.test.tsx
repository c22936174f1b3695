// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../renderer/src/screens/pedidos/tracking.ts';
import { brl, renderApp } from './render.tsx';

describe('Pedidos', () => {
  it('lists the orders with totals in BRL formatted by Intl', async () => {
    renderApp('#/pedidos');
    const table = await screen.findByRole('table', { name: 'Lista de pedidos' });
    await within(table).findByRole('link', { name: 'Abrir pedido 1001' });
    const row = within(table).getByRole('link', { name: 'Abrir pedido 1001' }).closest('[role="row"]') as HTMLElement;
    // Exact text, no whitespace normalisation: the cell must hold the formatter's output as is.
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toContain(brl(1234.56));
    expect(brl(1234.56)).toContain('\u00a0'); // the formatter's own no-break space, not a typed one
    expect(within(row).getByText('Ana Souza')).toBeTruthy();
    expect(within(table).getAllByRole('link', { name: /^Abrir pedido/ })).toHaveLength(5);
    expect(screen.getByText('5 pedidos')).toBeTruthy();
  });

  it('sends the filters as the orders.list query', async () => {
    const { api } = renderApp('#/pedidos');
    await screen.findByRole('link', { name: 'Abrir pedido 1001' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sem rastreio' }));
    await waitFor(() => expect(api.callsOf('orders.list')).toContainEqual({ noTracking: true, offset: 0, limit: 100 }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Não exportados' }));
    await waitFor(() =>
      expect(api.callsOf('orders.list')).toContainEqual({ noTracking: true, notExported: true, offset: 0, limit: 100 }),
    );
    await screen.findByRole('option', { name: 'PAGAMENTO APROVADO' });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '12' } });
    // Dates are typed (or picked) as the app's locale writes them, whatever the browser's language.
    const from = screen.getByLabelText('De');
    fireEvent.change(from, { target: { value: '01/11/2026' } });
    fireEvent.blur(from);
    fireEvent.change(screen.getByLabelText('Buscar (número, cliente, cidade)'), { target: { value: 'joão' } });
    await waitFor(() =>
      expect(api.callsOf('orders.list')).toContainEqual({
        noTracking: true,
        notExported: true,
        statusIds: [12],
        from: '2026-11-01',
        text: 'joão',
        offset: 0,
        limit: 100,
      }),
    );
    // The fake engine applied them: only João's order is left.
    await waitFor(() => expect(screen.getAllByRole('link', { name: /^Abrir pedido/ }).map((a) => a.textContent)).toEqual(['1002']));
  });

  it('refuses a Correios code with a wrong check digit, then saves a valid one with the mapped status', async () => {
    const { api } = renderApp('#/pedidos/90001');
    const form = await screen.findByRole('form', { name: 'Rastreio' });
    const code = within(form).getByLabelText('Código de rastreio');
    fireEvent.change(code, { target: { value: 'PN123456784BR' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Salvar rastreio' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('dígito verificador');
    expect(alert.textContent).toContain('PN123456784BR');
    expect(api.callsOf('orders.setTracking')).toHaveLength(0);

    fireEvent.change(code, { target: { value: 'pn 123456785 br' } });
    await within(form).findByText('Código dos Correios válido.');
    expect((within(form).getByLabelText('Status a definir') as HTMLSelectElement).value).toBe('enviado');
    fireEvent.click(within(form).getByRole('button', { name: 'Salvar rastreio' }));
    await waitFor(() =>
      expect(api.callsOf('orders.setTracking')).toEqual([
        { entries: [{ orderId: 90001, trackingCode: 'PN123456785BR', shippedAt: todayIso(), status: 'enviado' }] },
      ]),
    );
    await within(form).findByText('Rastreio salvo; o envio à loja está na fila.');
    // The order's pushes now show their way: saved, not yet in the store.
    const pushes = await screen.findByRole('region', { name: 'Envios à loja' });
    await waitFor(() => expect(within(pushes).getAllByText('salvo').length).toBeGreaterThan(0));
  });

  it('shows the store\'s extra fields and, folded, its raw answer without secrets', async () => {
    renderApp('#/pedidos/90001');
    const section = await screen.findByRole('region', { name: 'Outros campos da loja' });
    const table = within(section).getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['pedido', 'brinde', 'S'],
      ['pedido', 'token_pagamento', '***'],
      ['item 1', 'personalizacao', 'Nome: ANA'],
      ['cliente', 'como_conheceu', 'Instagram'],
    ]);
    const summary = within(section).getByText('Ver resposta da loja');
    const details = summary.closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false); // folded: support opens it, the merchant is not shown a wall of JSON
    const answer = JSON.parse(details.querySelector('pre')?.textContent ?? '') as Record<string, unknown>;
    expect(answer).toMatchObject({
      pedido: { data_pedido: '2026-11-28 14:32:00', valor_total: '1234.56', brinde: 'S', token_pagamento: '***' },
      itens: [{ cod_referencia: 'SKU-90001-A', personalizacao: 'Nome: ANA' }],
      cliente: { nome: 'Ana Souza', como_conheceu: 'Instagram' },
      parcelas: [{ numero: '1', valor: '1234.56' }],
    });
    expect(section.textContent).not.toContain('SEGREDO');
  });

  it('says when an order kept nothing of what the store sent', async () => {
    renderApp('#/pedidos/90002');
    const section = await screen.findByRole('region', { name: 'Outros campos da loja' });
    expect(within(section).getByText(/lido antes de o Ponte guardar/)).toBeTruthy();
    expect(within(section).queryByText('Ver resposta da loja')).toBeNull();
  });

  it('accepts another carrier with a warning', async () => {
    const { api } = renderApp('#/pedidos/90002');
    const form = await screen.findByRole('form', { name: 'Rastreio' });
    fireEvent.change(within(form).getByLabelText('Código de rastreio'), { target: { value: 'JD0123456789' } });
    expect(within(form).getByText(/não é dos Correios/)).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Salvar rastreio' }));
    await waitFor(() => expect(api.callsOf('orders.setTracking')[0]?.entries[0]?.trackingCode).toBe('JD0123456789'));
  });

  it('parses pasted lines, reports the bad ones and saves the good ones', async () => {
    const { api } = renderApp('#/pedidos');
    fireEvent.click(await screen.findByRole('button', { name: 'Colar rastreios em lote' }));
    const bulk = screen.getByRole('region', { name: 'Rastreios em lote' });
    fireEvent.change(within(bulk).getByLabelText('Linhas pedido;código'), {
      target: { value: '1001;PN123456785BR\n1002;PN123456784BR\nlixo sem separador\n\n9999;JD0123456789\n1003\tJD0123456789\n1001;PN123456785BR' },
    });
    fireEvent.click(within(bulk).getByRole('button', { name: 'Verificar linhas' }));
    await within(bulk).findByText('Válidas: 1 · com aviso: 1 · com erro: 4');
    const problems = within(bulk).getByRole('list', { name: 'Resultado da verificação' });
    const texts = within(problems).getAllByRole('listitem').map((li) => li.textContent);
    expect(texts).toEqual([
      expect.stringMatching(/^Linha 2: .*dígito verificador/),
      expect.stringMatching(/^Linha 3: esperado "pedido;código"/),
      'Linha 7: pedido 1001 repetido (linha 1).',
      'Linha 5: Pedido 9999 não encontrado.',
    ]);
    fireEvent.click(within(bulk).getByRole('button', { name: 'Salvar 2 rastreios' }));
    await waitFor(() => expect(api.callsOf('orders.setTracking')).toHaveLength(1));
    const entries = api.callsOf('orders.setTracking')[0]?.entries ?? [];
    expect(entries.map((e) => [e.orderId, e.trackingCode, e.status])).toEqual([
      [90001, 'PN123456785BR', 'enviado'],
      [90003, 'JD0123456789', 'enviado'],
    ]);
    await within(bulk).findByText('2 salvos, 0 recusados.');
  });
});
