// @vitest-environment happy-dom
/**
 * Configurações on the demo: the engine takes no other store there, so saving or authorising the
 * merchant's own store first asks to leave the demo, then goes on against the new engine;
 * "Sair da demonstração" at the top does the same without a store typed.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REST_APP } from './fake-api.ts';
import { renderApp } from './render.tsx';

const URL = 'https://minhaloja.commercesuite.com.br/webservice/v2/ws_servidor.php';
const question = async () => screen.findByRole('alertdialog', { name: 'Sair da demonstração?' });

describe('Configurações on the demo', () => {
  it('"Sair da demonstração": asked first, then everything is read again from the new engine', async () => {
    const { api } = renderApp('#/configuracoes', { demo: true });
    const section = await screen.findByRole('region', { name: 'Você está na loja de demonstração' });
    // The banner on every screen leads here.
    expect(screen.getByRole('link', { name: 'Conectar minha loja' }).getAttribute('href')).toBe('#/configuracoes');

    fireEvent.click(within(section).getByRole('button', { name: 'Sair da demonstração' }));
    fireEvent.click(within(await question()).getByRole('button', { name: 'Cancelar' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(api.callsOf('app.leaveDemo')).toEqual([]);

    fireEvent.click(within(section).getByRole('button', { name: 'Sair da demonstração' }));
    fireEvent.click(within(await question()).getByRole('button', { name: 'Sair da demonstração' }));
    await screen.findByText(/^Você saiu da demonstração\. Preencha os dados da sua loja/);
    expect(api.callsOf('app.leaveDemo')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Você está na loja de demonstração' })).toBeNull());
    await waitFor(() => expect((screen.getByLabelText('Endereço da loja (URL)') as HTMLInputElement).value).toBe(''));
    expect(screen.queryByRole('link', { name: 'Conectar minha loja' })).toBeNull();
  });

  it('saving another store on the demo asks to leave it; "Cancelar" sends nothing, yes leaves then saves what the form shows', async () => {
    const { api } = renderApp('#/configuracoes', { demo: true });
    await screen.findByText(/^Na demonstração, a loja é a de exemplo/);
    const url = screen.getByLabelText('Endereço da loja (URL)') as HTMLInputElement;
    const storeId = (screen.getByLabelText('Código da loja') as HTMLInputElement).value;
    fireEvent.change(url, { target: { value: URL } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    fireEvent.click(within(await question()).getByRole('button', { name: 'Cancelar' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(api.callsOf('app.leaveDemo')).toEqual([]);
    expect(api.callsOf('settings.update')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    const dialog = await question();
    within(dialog).getByText(/^Para usar a sua loja, o Ponte sai da demonstração antes\./);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sair da demonstração e continuar' }));
    await screen.findByText('Configurações salvas.');
    expect(api.callsOf('app.leaveDemo')).toHaveLength(1);
    // The store as the form showed it, not only the typed field: the new engine starts with none.
    expect(api.callsOf('settings.update')).toEqual([expect.objectContaining({ store: expect.objectContaining({ transport: 'soap', url: URL, storeId }) })]);
    expect(url.value).toBe(URL);
    expect(screen.queryByRole('region', { name: 'Você está na loja de demonstração' })).toBeNull();
  });

  it('"Autorizar" on the demo leaves it first, then authorises the store pasted', async () => {
    const { api } = renderApp('#/configuracoes', { demo: true });
    fireEvent.click(await screen.findByLabelText(/API \(REST\)/));
    fireEvent.change(screen.getByLabelText('Chave do aplicativo (consumer key)'), { target: { value: REST_APP.consumerKey } });
    fireEvent.change(screen.getByLabelText('Segredo do aplicativo (consumer secret)'), { target: { value: REST_APP.consumerSecret } });
    fireEvent.change(screen.getByLabelText('Código ou endereço de retorno'), {
      target: { value: `https://integrador.example.com/retorno?code=${REST_APP.code}&api_address=${encodeURIComponent(REST_APP.apiAddress)}` },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Autorizar' }));
    fireEvent.click(within(await question()).getByRole('button', { name: 'Sair da demonstração e continuar' }));
    await screen.findByText(/^Ponte autorizado nesta loja\./);
    expect(api.callsOf('app.leaveDemo')).toHaveLength(1);
    expect(api.callsOf('store.authorize')).toEqual([{ apiAddress: REST_APP.apiAddress, code: REST_APP.code, consumerKey: REST_APP.consumerKey, consumerSecret: REST_APP.consumerSecret }]);
  });

  it('off the demo there is no question and no way "out"', async () => {
    const { api } = renderApp('#/configuracoes');
    const url = await screen.findByLabelText('Endereço da loja (URL)');
    expect(screen.queryByRole('button', { name: 'Sair da demonstração' })).toBeNull();
    fireEvent.change(url, { target: { value: URL } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Configurações salvas.');
    expect(api.callsOf('app.leaveDemo')).toEqual([]);
  });
});
