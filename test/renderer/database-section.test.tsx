// @vitest-environment happy-dom
/**
 * Configurações → Banco de dados do ERP with the fake engine: the fields follow the database kind,
 * the starting queries fill a blank form, "Testar conexão" and "Pré-visualizar" send the form as
 * typed, and the password is write-only (sent only when typed, never rendered back).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './render.tsx';

const section = () => within(screen.getByRole('group', { name: 'Banco de dados do ERP' }));

describe('Configurações → Banco de dados do ERP', () => {
  it('shows the fields of the kind chosen, with its standard port and the starting queries', async () => {
    renderApp('#/configuracoes');
    expect(screen.queryByRole('group', { name: 'Banco de dados do ERP' })).toBeNull();
    fireEvent.change(await screen.findByLabelText('Tipo de origem'), { target: { value: 'sql' } });
    fireEvent.change(section().getByLabelText('Tipo de banco'), { target: { value: 'firebird' } });
    expect((section().getByLabelText('Porta') as HTMLInputElement).value).toBe('3050');
    expect(section().getByLabelText('Arquivo ou apelido do banco')).toBeTruthy();
    expect((section().getByLabelText('Conjunto de caracteres') as HTMLSelectElement).value).toBe('');
    expect(section().getByLabelText('Autenticação')).toBeTruthy();
    await waitFor(() => expect((section().getByLabelText('Consulta de Produtos') as HTMLTextAreaElement).value).toBe('SELECT cod_prod AS sku FROM produtos'));

    fireEvent.change(section().getByLabelText('Tipo de banco'), { target: { value: 'postgres' } });
    expect((section().getByLabelText('Porta') as HTMLInputElement).value).toBe('5432');
    expect(section().queryByLabelText('Conjunto de caracteres')).toBeNull();
    expect(section().getByText(/Um usuário só de leitura funciona/)).toBeTruthy();
  });

  it('tests and previews the form as typed; the password is sent only when typed and saved write-only', async () => {
    const { api } = renderApp('#/configuracoes');
    fireEvent.change(await screen.findByLabelText('Tipo de origem'), { target: { value: 'sql' } });
    fireEvent.change(section().getByLabelText('Tipo de banco'), { target: { value: 'postgres' } });
    fireEvent.change(section().getByLabelText('Servidor'), { target: { value: 'servidor-erp' } });
    fireEvent.click(section().getByRole('button', { name: 'Testar conexão' }));
    await section().findByText('Banco de dados do ERP: preencha o Servidor');
    expect(api.callsOf('erp.testConnection')[0]).toMatchObject({ driver: 'postgres', host: 'servidor-erp', port: 5432 });
    expect(api.callsOf('erp.testConnection')[0]).not.toHaveProperty('password');

    fireEvent.change(section().getByLabelText('Senha'), { target: { value: 's3nha-do-erp' } });
    fireEvent.click(section().getByRole('button', { name: 'Testar conexão' }));
    await waitFor(() => expect(api.callsOf('erp.testConnection')).toHaveLength(2));
    expect(api.callsOf('erp.testConnection')[1]).toMatchObject({ password: 's3nha-do-erp' });

    await waitFor(() => expect((section().getByLabelText('Consulta de Produtos') as HTMLTextAreaElement).value).not.toBe(''));
    fireEvent.click(section().getByRole('button', { name: 'Pré-visualizar: Produtos' }));
    await waitFor(() => expect(api.callsOf('erp.preview')).toHaveLength(1));
    expect(api.callsOf('erp.preview')[0]).toMatchObject({ entity: 'products', sql: 'SELECT cod_prod AS sku FROM produtos', database: { host: 'servidor-erp', password: 's3nha-do-erp' } });

    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(api.callsOf('settings.update')).toHaveLength(1));
    expect(api.callsOf('settings.update')[0]).toMatchObject({ erp: { kind: 'sql' }, erpDatabase: { driver: 'postgres', host: 'servidor-erp', password: 's3nha-do-erp' } });
    await screen.findByText('Configurações salvas.');
    await waitFor(() => expect((section().getByLabelText('Senha') as HTMLInputElement).value).toBe(''));
    expect(document.body.innerHTML).not.toContain('s3nha-do-erp');
    expect(section().getByText('Há uma senha salva. Deixe em branco para mantê-la; digite para trocar.')).toBeTruthy();
  });
});
