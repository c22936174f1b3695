// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './render.tsx';

describe('Window shell', () => {
  it('shows the demo and secret-storage banners', async () => {
    renderApp('#/', { demo: true, secretStorageWarning: 'a senha está salva sem criptografia neste computador.' });
    expect(await screen.findByText('Loja de demonstração')).toBeTruthy();
    expect(await screen.findByText('Atenção: a senha está salva sem criptografia neste computador.')).toBeTruthy();
  });

  it('shows no banner on a real store', async () => {
    renderApp('#/');
    await screen.findByRole('heading', { name: 'Painel' });
    await screen.findByRole('region', { name: 'Catálogo' });
    expect(screen.queryByText('Loja de demonstração')).toBeNull();
  });

  it('navigates with links and marks the current screen', async () => {
    renderApp('#/');
    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });
    expect(within(nav).getByRole('link', { name: 'Painel' }).getAttribute('aria-current')).toBe('page');
    window.location.hash = '#/atividade';
    await screen.findByRole('heading', { name: 'Atividade' });
    expect(within(nav).getByRole('link', { name: 'Atividade' }).getAttribute('aria-current')).toBe('page');
  });

  it('switches to English when settings.locale says so', async () => {
    const { api } = renderApp('#/configuracoes');
    fireEvent.change(await screen.findByLabelText('Idioma'), { target: { value: 'en' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByRole('heading', { name: 'Settings' });
    expect(api.callsOf('settings.update')[0]).toEqual({ locale: 'en' });
    expect(screen.getByRole('link', { name: 'Orders' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'pt-BR' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Configurações' })).toBeTruthy());
  });

  it('runs a job from the dashboard and refreshes on engine events', async () => {
    const { api } = renderApp('#/');
    fireEvent.click(await screen.findByRole('button', { name: 'Rodar agora: Catálogo' }));
    await waitFor(() => expect(api.callsOf('jobs.run')).toEqual([{ job: 'catalog' }]));
    const before = api.callsOf('overview.get').length;
    api.emit({ type: 'overview-changed' });
    await waitFor(() => expect(api.callsOf('overview.get').length).toBeGreaterThan(before));
  });
});
