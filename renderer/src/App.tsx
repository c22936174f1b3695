import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PonteApi } from '../../shared/api/contract.ts';
import { setLocale, type Locale } from '../../shared/i18n/index.ts';
import { ApiProvider } from './api/context.tsx';
import { createQueryClient, useEngineEvents, useOverview, useSettings } from './api/queries.ts';
import { Banner } from './components/Banner.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { formatNumber } from './format.ts';
import { t } from './i18n/messages.ts';
import { SCREEN_HASH, SCREENS, useRoute, type Screen } from './router.ts';
import { AtividadeScreen } from './screens/atividade/AtividadeScreen.tsx';
import { CatalogoScreen } from './screens/catalogo/CatalogoScreen.tsx';
import { ConfiguracoesScreen } from './screens/configuracoes/ConfiguracoesScreen.tsx';
import { ExportarScreen } from './screens/exportar/ExportarScreen.tsx';
import { FilaScreen } from './screens/fila/FilaScreen.tsx';
import { PainelScreen } from './screens/painel/PainelScreen.tsx';
import { PedidosScreen } from './screens/pedidos/PedidosScreen.tsx';

const Nav = ({ current, badges }: { current: Screen; badges: Partial<Record<Screen, number>> }) => (
  <nav className="sidenav" aria-label={t('nav.label')}>
    <div className="brand">{t('app.name')}</div>
    <ul>
      {SCREENS.map((screen) => (
        <li key={screen}>
          <a href={SCREEN_HASH[screen]} aria-current={current === screen ? 'page' : undefined} data-screen={screen}>
            <span>{t(`nav.${screen}`)}</span>
            {badges[screen] ? <span className="badge">{formatNumber(badges[screen] ?? 0)}</span> : null}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

const Banners = () => {
  const overview = useOverview();
  const settings = useSettings();
  const demo = overview.data?.demo ?? settings.data?.demo ?? false;
  const warning = settings.data?.secretStorageWarning ?? null;
  return (
    <>
      {demo && (
        <Banner tone="demo">
          <strong>{t('banner.demoTitle')}</strong> — {t('banner.demo')} <a href="#/configuracoes">{t('banner.demoLeave')}</a>
        </Banner>
      )}
      {warning && <Banner tone="warn">{t('banner.secret', { message: warning })}</Banner>}
      {overview.data?.paused && <Banner tone="info">{t('banner.paused')}</Banner>}
      {/* The Conexões card is at the foot of the Painel: a store that keeps failing is said at the top of every screen. */}
      {overview.data?.store.state === 'error' && (
        <Banner tone="warn">
          <strong>{t('banner.storeError')}</strong>
          {overview.data.store.message && <>: {overview.data.store.message}</>} <a href="#/painel">{t('banner.storeErrorLink')}</a>
        </Banner>
      )}
    </>
  );
};

const Shell = () => {
  useEngineEvents();
  const route = useRoute();
  const overview = useOverview();
  const counts = overview.data?.counts;
  const badges: Partial<Record<Screen, number>> = counts
    ? { fila: counts.outboxFailed, catalogo: counts.heldPrices, exportar: counts.notExported }
    : {};
  const screen = (() => {
    switch (route.screen) {
      case 'painel':
        return <PainelScreen />;
      case 'pedidos':
        return <PedidosScreen orderId={route.orderId} filter={route.filter} />;
      case 'exportar':
        return <ExportarScreen />;
      case 'catalogo':
        return <CatalogoScreen />;
      case 'fila':
        return <FilaScreen />;
      case 'atividade':
        return <AtividadeScreen />;
      case 'configuracoes':
        return <ConfiguracoesScreen />;
    }
  })();
  return (
    <div className="layout">
      {/* The first Tab stop: past the navigation, straight to the screen (the hash is the router's). */}
      <a
        className="skip-link"
        href="#conteudo"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('conteudo')?.focus();
        }}
      >
        {t('skip.content')}
      </a>
      <Nav current={route.screen} badges={badges} />
      <main className="content" id="conteudo" tabIndex={-1}>
        <Banners />
        <ErrorBoundary key={route.screen}>{screen}</ErrorBoundary>
      </main>
    </div>
  );
};

/** Follows settings.locale; re-mounting on a change re-renders every text in the new language. */
const LocaleGate = () => {
  const settings = useSettings();
  const [locale, setCurrent] = useState<Locale>('pt-BR');
  const wanted = settings.data?.locale;
  useEffect(() => {
    if (wanted && wanted !== locale) {
      setLocale(wanted);
      setCurrent(wanted);
    }
    document.documentElement.lang = wanted ?? locale;
  }, [wanted, locale]);
  return <Shell key={locale} />;
};

export const App = ({ api, queryClient }: { api: PonteApi; queryClient?: QueryClient }) => {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={client}>
        <LocaleGate />
      </QueryClientProvider>
    </ApiProvider>
  );
};

export const NoTransport = () => (
  <main className="content no-transport">
    <h1>{t('noTransport.title')}</h1>
    <p>{t('noTransport.body')}</p>
  </main>
);
