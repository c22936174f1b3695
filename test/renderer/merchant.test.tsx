// @vitest-environment happy-dom
/**
 * Issue 14 in the window: status without a tracking code (one order, selected rows), the gates,
 * Escape, the pt-BR date field, a pasted header row, plurals, and the error boundary.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../renderer/src/components/ErrorBoundary.tsx';
import { readTypedDate } from '../../renderer/src/components/DateField.tsx';
import { parseBulk } from '../../renderer/src/screens/pedidos/tracking.ts';
import { renderApp } from './render.tsx';

describe('status without a tracking code', () => {
  it('sets Cancelado on one order from its detail, after saying the shopper gets an e-mail', async () => {
    const { api } = renderApp('#/pedidos/90002');
    // The fake maps Cancelado (16) but pushes only Enviado: allow Cancelado to be pushed.
    api.settings.statusMapping = api.settings.statusMapping.map((m) => (m.local === 'cancelado' ? { ...m, push: true } : m));
    const detail = await screen.findByRole('complementary', { name: 'Pedido 1002' });
    const section = await within(detail).findByRole('region', { name: 'Status' });
    await waitFor(() => expect(within(section).getAllByRole('option').map((o) => o.textContent)).toContain('Cancelado'));
    fireEvent.change(within(section).getByLabelText('Novo status'), { target: { value: 'cancelado' } });
    expect(within(section).getByText('A loja envia um e-mail ao cliente avisando da mudança.')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Mudar para Cancelado' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Mudar o status para Cancelado?' });
    expect(api.callsOf('orders.setTracking')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enviar à loja' }));
    await waitFor(() => expect(api.callsOf('orders.setTracking')).toEqual([{ entries: [{ orderId: 90002, status: 'cancelado' }] }]));
    await within(section).findByText('1 mudança de status na fila de envio à loja.');
  });

  it('changes the selected rows in bulk; Enviado is refused for rows without a tracking code', async () => {
    const { api } = renderApp('#/pedidos');
    const table = await screen.findByRole('table', { name: 'Lista de pedidos' });
    await within(table).findByRole('link', { name: 'Abrir pedido 1001' });
    for (const n of ['1001', '1002', '1004']) fireEvent.click(within(table).getByRole('checkbox', { name: `Selecionar pedido ${n}` }));
    const bar = screen.getByRole('region', { name: 'Pedidos selecionados' });
    expect(within(bar).getByText('3 pedidos selecionados')).toBeTruthy();
    fireEvent.click(within(bar).getByRole('button', { name: 'Mudar status' }));
    fireEvent.change(await within(bar).findByLabelText('Novo status'), { target: { value: 'enviado' } });
    // 1004 already shows PEDIDO ENVIADO (14): nothing to send; 1001 and 1002 lack a code.
    expect(within(bar).getByText('Pedido 1004: já está como Enviado na loja (nada a enviar).')).toBeTruthy();
    expect(within(bar).getByText(/^Pedido 1001: Enviado precisa de um código de rastreio/)).toBeTruthy();
    expect((within(bar).getByRole('button', { name: 'Mudar 0 pedidos para Enviado' }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.callsOf('orders.setTracking')).toHaveLength(0);
    // Escape closes the bulk status panel and gives focus back to its button.
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(within(bar).queryByLabelText('Novo status')).toBeNull());
    expect(document.activeElement?.textContent).toBe('Mudar status');
  });

  it('offers only statuses mapped and marked to be pushed', async () => {
    renderApp('#/pedidos/90001');
    const section = await screen.findByRole('region', { name: 'Status' });
    await waitFor(() => expect(within(section).getAllByRole('option').map((o) => o.textContent)).toEqual(['Escolha o status…', 'Enviado']));
  });
});

describe('keyboard', () => {
  it('moves focus into the opened order and closes it with Escape', async () => {
    renderApp('#/pedidos/90001');
    const heading = await screen.findByRole('heading', { level: 2, name: 'Pedido 1001' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(window.location.hash).toBe('#/pedidos'));
  });
});

describe('dates, plurals, pasted headers', () => {
  it('reads typed dates as dd/mm/aaaa and refuses impossible ones', () => {
    expect(readTypedDate('01/11/2026')).toBe('2026-11-01');
    expect(readTypedDate('1/2/2027')).toBe('2027-02-01');
    expect(readTypedDate('31/02/2026')).toBeNull();
    expect(readTypedDate('2026-11-01')).toBeNull();
    expect(readTypedDate('')).toBe('');
  });

  it('says "1 pedido" for one order', async () => {
    renderApp('#/pedidos');
    fireEvent.change(await screen.findByLabelText('Buscar (número, cliente, cidade)'), { target: { value: 'Fernanda' } });
    await screen.findByText('1 pedido');
  });

  it('skips a pasted header row and says so', () => {
    const parsed = parseBulk('Pedido\tCódigo de rastreio\n1001\tPN123456785BR');
    expect(parsed.problems).toEqual([]);
    expect(parsed.skipped).toEqual([{ line: 1, message: 'Linha 1: "Pedido\tCódigo de rastreio" parece um cabeçalho de planilha e foi ignorada.' }]);
    expect(parsed.lines.map((l) => l.order)).toEqual(['1001']);
    // Only the first line can be a header; an order number is never one.
    expect(parseBulk('1001;PN123456785BR\nPedido;Rastreio').skipped).toEqual([]);
  });
});

describe('error boundary', () => {
  it('an invalid date shows a message instead of blanking the window', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const Bad = () => <p>{new Intl.DateTimeFormat('pt-BR').format(new Date('não é data'))}</p>;
    render(
      <ErrorBoundary>
        <Bad />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Esta tela não pôde ser mostrada');
    spy.mockRestore();
  });
});
