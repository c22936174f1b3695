// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STORED_PASSWORD } from './fake-api.ts';
import { renderApp } from './render.tsx';

describe('Configurações', () => {
  it('never renders the stored password and sends none unless one is typed', async () => {
    const { api } = renderApp('#/configuracoes');
    const password = (await screen.findByLabelText('Senha do WebService')) as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.value).toBe('');
    expect(document.body.innerHTML).not.toContain(STORED_PASSWORD);
    expect(screen.getByText('Há uma senha salva. Deixe em branco para mantê-la; digite para trocar.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Usuário do WebService'), { target: { value: 'ponte2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(1));
    expect(api.callsOf('settings.update')[0]).toEqual({ store: { login: 'ponte2' } });
    await screen.findByText('Configurações salvas.');

    fireEvent.change(screen.getByLabelText('Senha do WebService'), { target: { value: 'nova-senha' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(2));
    expect(api.callsOf('settings.update')[1]).toEqual({ store: { password: 'nova-senha' } });
    // After saving, the field is empty again: the typed password is not kept on screen.
    await waitFor(() => expect((screen.getByLabelText('Senha do WebService') as HTMLInputElement).value).toBe(''));
    expect(api.settings.password).toBe('nova-senha');
  });

  it('lists capabilities and the store statuses after a connection test; suggests ENVIADO', async () => {
    const { api } = renderApp('#/configuracoes');
    fireEvent.click(await screen.findByRole('button', { name: 'Testar conexão' }));
    const statuses = await screen.findByRole('table', { name: 'Status da loja' });
    expect(within(statuses).getAllByRole('row').slice(1).map((r) => r.children[1]?.textContent)).toEqual([
      'AGUARDANDO PAGAMENTO',
      'PAGAMENTO APROVADO',
      'EM SEPARAÇÃO',
      'PEDIDO ENVIADO',
      'ENTREGUE',
      'CANCELADO',
    ]);
    const caps = screen.getByRole('list', { name: 'Recursos da loja' });
    expect(caps.textContent).toContain('listas.preco: indisponível: módulo de listas de preço não contratado');
    expect(api.callsOf('store.testConnection')).toHaveLength(1);

    // "Entregue" is unmapped: the suggestion by name fills it with the store's ENTREGUE status.
    fireEvent.click(screen.getByRole('button', { name: 'Usar ENTREGUE' }));
    expect((screen.getByLabelText('Status na loja para Entregue') as HTMLSelectElement).value).toBe('15');
    expect((screen.getByLabelText('Status na loja para Enviado') as HTMLSelectElement).value).toBe('14');
    expect(screen.getByText(/Cada status marcado para envio faz a loja mandar um e-mail ao cliente/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Enviar à loja: Entregue' }));
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(1));
    const mapping = api.callsOf('settings.update')[0]?.statusMapping ?? [];
    expect(mapping.find((m) => m.local === 'entregue')).toEqual({ local: 'entregue', storeStatusId: 15, push: true });
    expect(mapping.find((m) => m.local === 'enviado')).toEqual({ local: 'enviado', storeStatusId: 14, push: true });
  });
});
