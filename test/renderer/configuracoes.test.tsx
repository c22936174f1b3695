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
    // Never tested with the store: saving it needs a yes, and says so afterwards.
    fireEvent.click(await screen.findByRole('button', { name: 'Salvar sem testar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(2));
    expect(api.callsOf('settings.update')[1]).toEqual({ store: { password: 'nova-senha' } });
    // After saving, the field is empty again: the typed password is not kept on screen.
    await waitFor(() => expect((screen.getByLabelText('Senha do WebService') as HTMLInputElement).value).toBe(''));
    expect(api.settings.password).toBe('nova-senha');
    await screen.findByText('Configurações salvas; a senha nova não foi testada.');
  });

  it('tests the form as typed, before saving: a wrong typed password fails and nothing is saved', async () => {
    const { api } = renderApp('#/configuracoes');
    fireEvent.change(await screen.findByLabelText('Senha do WebService'), { target: { value: 'errada' } });
    fireEvent.click(screen.getByRole('button', { name: 'Testar conexão' }));
    await screen.findByText(/A loja recusou o acesso/);
    expect(api.callsOf('store.testConnection')[0]).toMatchObject({ password: 'errada', login: api.settings.store.login });
    expect(api.callsOf('settings.update')).toHaveLength(0);

    // The right one, tested, then saved without a question.
    fireEvent.change(screen.getByLabelText('Senha do WebService'), { target: { value: 'certa' } });
    fireEvent.click(screen.getByRole('button', { name: 'Testar conexão' }));
    await screen.findByText('Conexão com a loja funcionando.');
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toEqual([{ store: { password: 'certa' } }]));
    expect(screen.queryByRole('button', { name: 'Salvar sem testar' })).toBeNull();
  });

  it('hands the template over as a download: no path to type, the ticket goes to api.download', async () => {
    const { api } = renderApp('#/configuracoes');
    const button = await screen.findByRole('button', { name: 'Gerar modelo de planilha' });
    // Nothing on the screen can name the configured workbook as the template's target.
    expect(screen.queryByLabelText(/Salvar o modelo em/)).toBeNull();
    fireEvent.click(button);
    await screen.findByText('Modelo baixado: modelo-ponte.xlsx. Preencha-o e indique-o acima como origem.');
    expect(api.callsOf('erp.templateDownload')).toHaveLength(1);
    expect(api.downloads.map((d) => d.name)).toEqual(['modelo-ponte.xlsx']);
    expect(api.callsOf('erp.template')).toHaveLength(0);
  });

  it('turns on creating wedding lists without checking, with the duplicate warning beside it, and sends only that', async () => {
    const { api } = renderApp('#/configuracoes');
    const box = (await screen.findByLabelText('Cadastrar listas de casamento sem conferir')) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toMatch(/duplicada/);
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(1));
    expect(api.callsOf('settings.update')[0]).toEqual({ weddingLists: { createWithoutLookup: true } });
  });

  it('asks before leaving the screen with unsaved changes', async () => {
    renderApp('#/configuracoes');
    fireEvent.change(await screen.findByLabelText('Usuário do WebService'), { target: { value: 'outro' } });
    await screen.findByText('Alterações não salvas.');
    window.location.hash = '#/pedidos';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByRole('alertdialog', { name: 'Sair sem salvar?' });
    expect(screen.getByRole('heading', { level: 1, name: 'Configurações' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Descartar alterações' }));
    await screen.findByRole('heading', { level: 1, name: 'Pedidos' });
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
    // Features by what they do, never by code key or SOAP operation.
    expect(caps.textContent).toContain('Listas de casamento: indisponível');
    expect(caps.textContent).not.toMatch(/weddingLists|fWS/);
    // Dropdowns carry the store's id, the question merchants ask support.
    expect(screen.getAllByRole('option', { name: 'PEDIDO ENVIADO (14)' }).length).toBeGreaterThan(0);
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
