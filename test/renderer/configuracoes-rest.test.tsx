// @vitest-environment happy-dom
/** Configurações → Como conectar: REST picked, the callback pasted, "Autorizar", and the test of what is typed. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REST_APP } from './fake-api.ts';
import { renderApp } from './render.tsx';

const callback = (code: string) => `https://integrador.example.com/retorno?code=${code}&api_address=${encodeURIComponent(REST_APP.apiAddress)}&store=391250`;

describe('Configurações on REST', () => {
  it('picks REST, authorises with the pasted callback (address read from it), and clears every typed secret', async () => {
    const { api } = renderApp('#/configuracoes');
    fireEvent.click(await screen.findByLabelText(/API \(REST\)/));
    // SOAP's fields give way to REST's.
    expect(screen.queryByLabelText('Senha do WebService')).toBeNull();
    fireEvent.change(screen.getByLabelText('Chave do aplicativo (consumer key)'), { target: { value: REST_APP.consumerKey } });
    fireEvent.change(screen.getByLabelText('Segredo do aplicativo (consumer secret)'), { target: { value: REST_APP.consumerSecret } });
    fireEvent.change(screen.getByLabelText('Código ou endereço de retorno'), { target: { value: callback(REST_APP.code) } });
    fireEvent.click(screen.getByRole('button', { name: 'Autorizar' }));
    await screen.findByText(/^Ponte autorizado nesta loja\. Acesso válido até \d{2}\/\d{2}\/\d{4}.*; renovado sozinho até \d{2}\/\d{2}\/\d{4}/);
    expect(api.callsOf('store.authorize')).toEqual([{ apiAddress: REST_APP.apiAddress, code: REST_APP.code, consumerKey: REST_APP.consumerKey, consumerSecret: REST_APP.consumerSecret }]);
    await screen.findByText(/^Autorização salva: renovável até/);
    await screen.findByText('Há chave e segredo salvos. Deixe em branco para mantê-los; digite para trocar.');
    await waitFor(() => expect((screen.getByLabelText('Endereço da API') as HTMLInputElement).value).toBe(REST_APP.apiAddress));
    for (const label of ['Chave do aplicativo (consumer key)', 'Segredo do aplicativo (consumer secret)', 'Código ou endereço de retorno'])
      expect((screen.getByLabelText(label) as HTMLInputElement).value).toBe('');
    for (const secret of [REST_APP.consumerKey, REST_APP.consumerSecret, REST_APP.code]) expect(document.body.innerHTML).not.toContain(secret);

    fireEvent.click(screen.getByRole('button', { name: 'Testar conexão' }));
    await screen.findByText('Conexão com a loja funcionando.');
    expect(api.callsOf('store.testConnection').at(-1)).toEqual({ transport: 'rest', apiAddress: REST_APP.apiAddress });
  });

  it('keeps what the merchant typed in other fields, unsaved, through a successful "Autorizar"', async () => {
    const { api } = renderApp('#/configuracoes');
    fireEvent.click(await screen.findByLabelText(/API \(REST\)/));
    // Typed, not saved: the authorisation's refetch of the settings must not reset them.
    fireEvent.change(screen.getByLabelText('Estoque de segurança (unidades)'), { target: { value: '7' } });
    fireEvent.change(screen.getByLabelText('Pasta dos arquivos exportados'), { target: { value: 'C:\\Pedidos\\novos' } });
    fireEvent.change(screen.getByLabelText('Chave do aplicativo (consumer key)'), { target: { value: REST_APP.consumerKey } });
    fireEvent.change(screen.getByLabelText('Segredo do aplicativo (consumer secret)'), { target: { value: REST_APP.consumerSecret } });
    fireEvent.change(screen.getByLabelText('Código ou endereço de retorno'), { target: { value: callback(REST_APP.code) } });
    fireEvent.click(screen.getByRole('button', { name: 'Autorizar' }));
    await screen.findByText(/^Ponte autorizado nesta loja\./);
    // The saved authorisation is shown (the settings were fetched again)...
    await screen.findByText(/^Autorização salva: renovável até/);
    await screen.findByText('Há chave e segredo salvos. Deixe em branco para mantê-los; digite para trocar.');
    // ...and the typed fields are still there, still unsaved, and go out with Salvar.
    expect((screen.getByLabelText('Estoque de segurança (unidades)') as HTMLInputElement).value).toBe('7');
    expect((screen.getByLabelText('Pasta dos arquivos exportados') as HTMLInputElement).value).toBe('C:\\Pedidos\\novos');
    expect((screen.getByRole('radio', { name: /API \(REST\)/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('Alterações não salvas.')).toBeTruthy();
    expect(screen.getByText(/^Ponte autorizado nesta loja\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(1));
    // Only the typed fields: the REST access the engine saved is not sent again.
    expect(api.callsOf('settings.update')[0]).toEqual({ stock: { safetyBuffer: 7 }, export: { target: 'csv', folder: 'C:\\Pedidos\\novos' } });
  });

  it('a wrong code shows Tray’s refusal by name; a paste without code is caught before any call', async () => {
    const { api } = renderApp('#/configuracoes');
    fireEvent.click(await screen.findByLabelText(/API \(REST\)/));
    const paste = screen.getByLabelText('Código ou endereço de retorno');
    fireEvent.change(paste, { target: { value: 'https://integrador.example.com/retorno?store=391250' } });
    fireEvent.click(screen.getByRole('button', { name: 'Autorizar' }));
    await screen.findByText(/não tem o parâmetro code/);
    expect(api.callsOf('store.authorize')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Chave do aplicativo (consumer key)'), { target: { value: REST_APP.consumerKey } });
    fireEvent.change(screen.getByLabelText('Segredo do aplicativo (consumer secret)'), { target: { value: REST_APP.consumerSecret } });
    fireEvent.change(paste, { target: { value: callback('codigo-errado') } });
    fireEvent.click(screen.getByRole('button', { name: 'Autorizar' }));
    const alert = await screen.findByRole('alert', { name: 'Autorização na loja' });
    expect(alert.textContent).toMatch(/^A Tray recusou a autorização: confira a chave e o segredo/);
    expect(api.settings.store.transport).toBe('soap');
    expect(api.callsOf('settings.update')).toHaveLength(0);
  });

  it('saves the choice of REST with the typed address and key pair through Salvar', async () => {
    const { api } = renderApp('#/configuracoes');
    fireEvent.click(await screen.findByLabelText(/API \(REST\)/));
    fireEvent.change(screen.getByLabelText('Endereço da API'), { target: { value: REST_APP.apiAddress } });
    fireEvent.change(screen.getByLabelText('Segredo do aplicativo (consumer secret)'), { target: { value: 'novo-segredo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(1));
    expect(api.callsOf('settings.update')[0]).toEqual({ store: { transport: 'rest', apiAddress: REST_APP.apiAddress, consumerSecret: 'novo-segredo' } });
  });

  it('offers Tray’s two daily limits and another of the merchant’s own, checked before it is sent', async () => {
    const { api } = renderApp('#/configuracoes');
    fireEvent.click(await screen.findByLabelText(/API \(REST\)/));
    const limit = screen.getByLabelText('Limite diário de chamadas da API') as HTMLSelectElement;
    // Nothing saved yet: Tray's standard 10,000, with its explanation beside it.
    expect(limit.value).toBe('10000');
    expect([...limit.options].map((o) => o.textContent)).toEqual(['10.000 por dia (padrão da Tray)', '50.000 por dia (lojas grandes)', 'Outro limite…']);
    expect(screen.getByText(/^A Tray permite 10\.000 chamadas por dia em cada loja \(50\.000 nas lojas grandes\)/)).toBeTruthy();
    expect(screen.queryByLabelText('Chamadas por dia para o Ponte')).toBeNull();

    fireEvent.change(limit, { target: { value: '50000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(1));
    expect(api.callsOf('settings.update')[0]).toEqual({ store: { transport: 'rest' }, restLimits: { callsPerDay: 50_000 } });
    await waitFor(() => expect((screen.getByLabelText('Limite diário de chamadas da API') as HTMLSelectElement).value).toBe('50000'));

    // A store sharing its cap with another app: a number of its own, refused out of bounds.
    fireEvent.change(screen.getByLabelText('Limite diário de chamadas da API'), { target: { value: 'other' } });
    const custom = screen.getByLabelText('Chamadas por dia para o Ponte') as HTMLInputElement;
    expect(custom.value).toBe('50000');
    fireEvent.change(custom, { target: { value: '500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Informe um número inteiro de 1.000 a 50.000.');
    expect(custom.getAttribute('aria-invalid')).toBe('true');
    expect(api.callsOf('settings.update')).toHaveLength(1);
    fireEvent.change(custom, { target: { value: '4000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(2));
    expect(api.callsOf('settings.update')[1]).toEqual({ restLimits: { callsPerDay: 4000 } });
    // Saved as another limit, it shows as one.
    await waitFor(() => expect(api.settings.restLimits).toEqual({ callsPerDay: 4000 }));
    expect((screen.getByLabelText('Limite diário de chamadas da API') as HTMLSelectElement).value).toBe('other');
    expect((screen.getByLabelText('Chamadas por dia para o Ponte') as HTMLInputElement).value).toBe('4000');
  });

  it('shows a saved limit of the merchant’s own as "Outro limite…" with its number when the screen opens again', async () => {
    const { api } = renderApp('#/configuracoes');
    await api.call('settings.update', { store: { transport: 'rest' }, restLimits: { callsPerDay: 7000 } });
    await screen.findByLabelText('Estoque de segurança (unidades)');
    window.location.hash = '#/painel';
    await waitFor(() => expect(screen.queryByLabelText('Estoque de segurança (unidades)')).toBeNull());
    window.location.hash = '#/configuracoes';
    expect(((await screen.findByLabelText('Limite diário de chamadas da API')) as HTMLSelectElement).value).toBe('other');
    expect((screen.getByLabelText('Chamadas por dia para o Ponte') as HTMLInputElement).value).toBe('7000');
  });
});
