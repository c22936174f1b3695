// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './render.tsx';

const SUMMARY = 'Status PEDIDO ENVIADO (e-mail ao cliente)';

describe('Fila', () => {
  it('asks before retrying a status push and says the shopper gets an e-mail', async () => {
    const { api } = renderApp('#/envios');
    const retry = await screen.findByRole('button', { name: `Tentar de novo: ${SUMMARY}` });
    const row = retry.closest('tr') as HTMLElement;
    expect(within(row).getByText('A loja recusou: status 14 não permitido para o pedido 1003.')).toBeTruthy();
    expect(within(row).getByText('5')).toBeTruthy();
    retry.focus();
    fireEvent.click(retry);
    const dialog = screen.getByRole('alertdialog', { name: 'Tentar este envio de novo?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancelar' }));
    expect(dialog.textContent).toContain('e-mail ao cliente avisando da mudança de status');
    expect(api.callsOf('outbox.retry')).toHaveLength(0);
    // Cancelling sends nothing.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.callsOf('outbox.retry')).toHaveLength(0);
    expect(document.activeElement).toBe(retry); // keyboard users land back where they were

    fireEvent.click(screen.getByRole('button', { name: `Tentar de novo: ${SUMMARY}` }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Enviar de novo' }));
    await waitFor(() => expect(api.callsOf('outbox.retry')).toEqual([{ id: 2 }]));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('says a discard leaves the shopper without the e-mail, and a tracking push sends none', async () => {
    const { api } = renderApp('#/envios');
    fireEvent.click(await screen.findByRole('button', { name: `Descartar: ${SUMMARY}` }));
    expect(screen.getByRole('alertdialog').textContent).toContain('o cliente não recebe o e-mail');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Tentar de novo: Rastreio JD0123456789' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('O cliente não recebe e-mail por este envio');
    fireEvent.click(screen.getByRole('button', { name: 'Enviar de novo' }));
    await waitFor(() => expect(api.callsOf('outbox.retry')).toEqual([{ id: 3 }]));
  });
});
