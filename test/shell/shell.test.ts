import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/engine/api/dispatch.ts';
import { EventHub } from '../../electron/engine/events.ts';
import { DEFAULT_SETTINGS, type StoredSettings } from '../../electron/engine/settings.ts';
import { decideClose, memoryShellState } from '../../electron/shell/close-policy.ts';
import { createShellController, type ShellHost } from '../../electron/shell/controller.ts';
import { checkIpcCall, handleIpcCall, IPC_INPUT_LIMIT, isTrustedSender } from '../../electron/shell/ipc.ts';
import { createNotificationPolicy, type DesktopNotification, type Timers } from '../../electron/shell/notifications.ts';
import { screenHash } from '../../electron/shell/screens.ts';
import { buildTrayMenu } from '../../electron/shell/tray-menu.ts';
import { initialTrayModel, reduceTray, TOOLTIP_MAX, trayView, type TrayInput } from '../../electron/shell/tray-state.ts';
import type { Handlers, JobStatus, Overview, PonteEvent, RunSummary } from '../../shared/api/contract.ts';

const run = (job: RunSummary['job'], result: RunSummary['result'], message: string | null = null): RunSummary => ({
  id: 1,
  job,
  startedAt: '2026-11-29T10:00:00.000Z',
  finishedAt: '2026-11-29T10:01:00.000Z',
  result,
  counts: {},
  errorCount: result === 'failed' ? 1 : 0,
  message,
});

const overview = (patch: Partial<Omit<Overview, 'counts'>> & { counts?: Partial<Overview['counts']> } = {}): Overview => ({
  paused: false,
  demo: true,
  jobs: [],
  store: { state: 'ok', message: null, checkedAt: null, url: 'http://127.0.0.1', storeId: '1', features: {} },
  erp: { state: 'ok', message: null, checkedAt: null, kind: 'spreadsheet', path: 'x.xlsx' },
  ...patch,
  counts: { orders: 0, notExported: 0, noTracking: 0, outboxPending: 0, outboxFailed: 0, heldPrices: 0, refusedRows: 0, ...patch.counts },
});

const job = (name: JobStatus['job'], state: JobStatus['state'], lastRun: RunSummary | null = null): JobStatus => ({
  job: name,
  state,
  reason: null,
  lastRun,
  nextRunAt: null,
  progress: null,
});

const apply = (...inputs: TrayInput[]) => inputs.reduce(reduceTray, initialTrayModel());
const ev = (event: PonteEvent): TrayInput => ({ kind: 'event', event });

/** Timers driven by the test: `advance(ms)` runs what falls due. */
const manualTimers = () => {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  return {
    timers,
    pendingCount: () => pending.size,
    advance(ms: number) {
      now += ms;
      for (const [id, entry] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (entry.at <= now) {
          pending.delete(id);
          entry.fn();
        }
      }
    },
  };
};

describe('tray state', () => {
  it('is idle and up to date at first', () => {
    expect(trayView(initialTrayModel())).toEqual({ icon: 'idle', tooltip: 'Ponte — tudo em dia' });
  });

  it('shows new orders in the tooltip, singular and plural', () => {
    expect(trayView(apply({ kind: 'overview', overview: overview({ counts: { notExported: 3 } }) })).tooltip).toBe('Ponte — 3 pedidos novos');
    expect(trayView(apply({ kind: 'overview', overview: overview({ counts: { notExported: 1 } }) })).tooltip).toBe('Ponte — 1 pedido novo');
  });

  it('is syncing while a job runs and back to idle when it finishes well', () => {
    const syncing = apply(ev({ type: 'job-progress', job: 'orders', done: 1, total: 10 }));
    expect(trayView(syncing).icon).toBe('syncing');
    expect(trayView(syncing).tooltip).toBe('Ponte — sincronizando…');
    const done = reduceTray(syncing, ev({ type: 'run-finished', run: run('orders', 'ok') }));
    expect(trayView(done).icon).toBe('idle');
  });

  it('asks for attention on a failure, until that job succeeds', () => {
    const failed = apply(ev({ type: 'failure', job: 'orders', cause: 'tray:auth', message: 'Senha da Tray recusada' }));
    expect(trayView(failed)).toEqual({ icon: 'attention', tooltip: 'Ponte — atenção: Senha da Tray recusada' });
    const other = reduceTray(failed, ev({ type: 'run-finished', run: run('catalog', 'ok') }));
    expect(trayView(other).icon).toBe('attention');
    const fixed = reduceTray(other, ev({ type: 'run-finished', run: run('orders', 'ok') }));
    expect(trayView(fixed).icon).toBe('idle');
  });

  it('reads problems and running jobs from the overview', () => {
    const m = apply({
      kind: 'overview',
      overview: overview({
        jobs: [job('catalog', 'idle', run('catalog', 'failed', 'Planilha não encontrada')), job('orders', 'idle')],
        erp: { state: 'error', message: 'arquivo trancado', checkedAt: null, kind: 'spreadsheet', path: 'x' },
        counts: { outboxFailed: 2, notExported: 4 },
      }),
    });
    const view = trayView(m);
    expect(view.icon).toBe('attention');
    expect(view.tooltip).toBe('Ponte — atenção: 3 problemas · 4 pedidos novos');
    const running = apply({ kind: 'overview', overview: overview({ jobs: [job('orders', 'running')] }) });
    expect(trayView(running).icon).toBe('syncing');
  });

  it('says paused, and keeps the tooltip within the Windows limit', () => {
    expect(trayView(apply({ kind: 'overview', overview: overview({ paused: true }) })).tooltip).toBe('Ponte — pausado');
    const long = apply(ev({ type: 'failure', job: null, cause: 'x', message: 'm'.repeat(400) }));
    expect(trayView(long).tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
  });
});

describe('tray menu', () => {
  it('has the five actions, with Pausar/Retomar following the state', () => {
    const labels = (paused: boolean) =>
      buildTrayMenu({ paused, syncing: false }).flatMap((i) => (i.type === 'item' ? [i.label] : []));
    expect(labels(false)).toEqual(['Abrir', 'Sincronizar agora', 'Exportar pedidos novos', 'Pausar', 'Sair']);
    expect(labels(true)).toContain('Retomar');
    const syncNow = buildTrayMenu({ paused: false, syncing: true }).find((i) => i.type === 'item' && i.id === 'sync-now');
    expect(syncNow).toMatchObject({ enabled: false });
  });
});

describe('notification policy', () => {
  const setup = (enabled = { newOrders: true, failures: true }) => {
    const clock = manualTimers();
    const shown: DesktopNotification[] = [];
    const policy = createNotificationPolicy({ show: (n) => shown.push(n), enabled: () => enabled, timers: clock.timers, groupWindowMs: 30_000 });
    return { clock, shown, policy };
  };

  it('groups new orders arriving within the window into one notification', () => {
    const { clock, shown, policy } = setup();
    policy.handle({ type: 'new-orders', count: 2, orderIds: [1, 2] });
    clock.advance(10_000);
    policy.handle({ type: 'new-orders', count: 3, orderIds: [3, 4, 5] });
    expect(shown).toEqual([]);
    clock.advance(20_000);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ kind: 'new-orders', title: '5 pedidos novos', target: { screen: 'orders', filter: 'notExported' } });
    policy.handle({ type: 'new-orders', count: 1, orderIds: [9] });
    clock.advance(30_000);
    expect(shown[1]).toMatchObject({ title: '1 pedido novo', target: { screen: 'order', id: 9 } });
  });

  it('announces a failure once per cause, not on every retry, and again after a success', () => {
    const { shown, policy } = setup();
    const failure: PonteEvent = { type: 'failure', job: 'orders', cause: 'tray:timeout', message: 'A Tray não respondeu' };
    policy.handle(failure);
    policy.handle(failure);
    policy.handle({ type: 'run-finished', run: run('orders', 'failed') });
    policy.handle(failure);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ kind: 'failure', body: 'A Tray não respondeu', target: { screen: 'activity' } });
    policy.handle({ type: 'failure', job: 'orders', cause: 'tray:auth', message: 'Senha recusada' });
    expect(shown).toHaveLength(2);
    policy.handle({ type: 'run-finished', run: run('orders', 'ok') });
    policy.handle(failure);
    expect(shown).toHaveLength(3);
  });

  it('sends push failures to the outbox screen', () => {
    const { shown, policy } = setup();
    policy.handle({ type: 'failure', job: 'tracking', cause: 'outbox:42', message: 'Rastreio recusado' });
    expect(shown[0]?.target).toEqual({ screen: 'outbox' });
  });

  it('respects the merchant turning a kind off', () => {
    const { clock, shown, policy } = setup({ newOrders: false, failures: false });
    policy.handle({ type: 'new-orders', count: 2, orderIds: [1, 2] });
    policy.handle({ type: 'failure', job: null, cause: 'c', message: 'm' });
    clock.advance(60_000);
    expect(shown).toEqual([]);
    expect(clock.pendingCount()).toBe(0);
  });
});

describe('closing the window', () => {
  it('hides to the tray with a notice the first time only, quits when asked to', () => {
    expect(decideClose({ quitOnClose: false, quitting: false, noticeShown: false })).toEqual({ action: 'hide', showNotice: true });
    expect(decideClose({ quitOnClose: false, quitting: false, noticeShown: true })).toEqual({ action: 'hide', showNotice: false });
    expect(decideClose({ quitOnClose: true, quitting: false, noticeShown: false })).toEqual({ action: 'close', showNotice: false });
    expect(decideClose({ quitOnClose: false, quitting: true, noticeShown: false })).toEqual({ action: 'close', showNotice: false });
  });
});

describe('IPC validation', () => {
  it('accepts contract names with JSON input within the limit', () => {
    expect(checkIpcCall('orders.list', { limit: 10 })).toEqual({ ok: true, name: 'orders.list', input: { limit: 10 } });
    expect(checkIpcCall('overview.get', undefined)).toMatchObject({ ok: true });
  });

  it('refuses unknown names, non-strings, prototype keys and oversized or non-JSON input', () => {
    for (const name of ['orders.drop', 42, null, '__proto__', 'constructor', 'x'.repeat(500)]) {
      expect(checkIpcCall(name, {})).toMatchObject({ ok: false, envelope: { ok: false, error: { code: 'invalid_input' } } });
    }
    expect(checkIpcCall('orders.list', { text: 'x'.repeat(IPC_INPUT_LIMIT) })).toMatchObject({ ok: false });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(checkIpcCall('orders.list', cyclic)).toMatchObject({ ok: false });
    expect(checkIpcCall('orders.list', 10n)).toMatchObject({ ok: false });
  });

  it('trusts only the app page as sender', () => {
    expect(isTrustedSender('file:///C:/Ponte/resources/app.asar/dist/renderer/index.html#/pedidos', 'file:///C:/Ponte/resources/app.asar/dist/renderer/index.html')).toBe(true);
    expect(isTrustedSender('file:///C:/Users/x/evil.html', 'file:///C:/Ponte/resources/app.asar/dist/renderer/index.html')).toBe(false);
    expect(isTrustedSender('https://evil.example/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedSender(undefined, 'http://localhost:5173/')).toBe(false);
    expect(isTrustedSender('ponte://app/index.html#/pedidos', 'ponte://app/index.html')).toBe(true);
    expect(isTrustedSender('other://app/index.html', 'ponte://app/index.html')).toBe(false);
    expect(isTrustedSender('ponte://evil/index.html', 'ponte://app/index.html')).toBe(false);
  });

  it('lets the dispatcher validate the input after the shell checks', async () => {
    const handlers: Partial<Handlers> = { 'jobs.run': async ({ job: name }) => run(name, 'ok') };
    const endpoint = createDispatcher(handlers as Handlers, () => () => {});
    const app = 'file:///app/index.html';
    expect(await handleIpcCall(endpoint, app, app, 'jobs.run', { job: 'orders' })).toMatchObject({ ok: true, result: { job: 'orders' } });
    expect(await handleIpcCall(endpoint, app, app, 'jobs.run', { job: 'rm -rf' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await handleIpcCall(endpoint, 'file:///other.html', app, 'jobs.run', { job: 'orders' })).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });
});

describe('shell controller', () => {
  const setup = (settings: Partial<StoredSettings> = {}) => {
    const hub = new EventHub();
    const calls: Array<[string, unknown]> = [];
    let current = overview({ counts: { notExported: 2 } });
    const handlers: Partial<Handlers> = {
      'overview.get': async () => current,
      'jobs.run': async ({ job: name }) => {
        calls.push(['jobs.run', name]);
        return run(name, 'ok');
      },
      'jobs.pause': async () => (current = { ...current, paused: true }),
      'jobs.resume': async () => (current = { ...current, paused: false }),
      'orders.export': async () => ({ count: 2, target: 'csv', file: '/tmp/p.csv', message: '2 pedidos exportados' }),
    };
    const endpoint = createDispatcher(handlers as Handlers, hub.subscribe);
    const trays: Parameters<ShellHost['setTray']>[0][] = [];
    const notes: DesktopNotification[] = [];
    const actions: string[] = [];
    const host: ShellHost = {
      setTray: (v) => trays.push(v),
      notify: (n) => notes.push(n),
      showWindow: (target) => actions.push(`show:${target ? screenHash(target) : ''}`),
      hideWindow: () => actions.push('hide'),
      quit: () => actions.push('quit'),
    };
    const clock = manualTimers();
    const shellState = memoryShellState();
    const controller = createShellController({
      endpoint,
      host,
      settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
      shellState,
      timers: clock.timers,
      groupWindowMs: 1000,
    });
    return { hub, calls, trays, notes, actions, clock, shellState, controller, setOverview: (o: Overview) => (current = o) };
  };

  it('draws the tray from the overview and follows engine events', async () => {
    const s = setup();
    await s.controller.start();
    expect(s.trays.at(-1)).toMatchObject({ icon: 'idle', tooltip: 'Ponte — 2 pedidos novos' });
    s.hub.emit({ type: 'job-progress', job: 'orders', done: 0, total: 5 });
    expect(s.trays.at(-1)?.icon).toBe('syncing');
    s.setOverview(overview({ counts: { notExported: 5 } }));
    s.hub.emit({ type: 'new-orders', count: 3, orderIds: [3, 4, 5] });
    s.hub.emit({ type: 'run-finished', run: run('orders', 'ok') });
    await new Promise((r) => setImmediate(r));
    expect(s.trays.at(-1)).toMatchObject({ icon: 'idle', tooltip: 'Ponte — 5 pedidos novos' });
    s.clock.advance(1000);
    expect(s.notes).toEqual([expect.objectContaining({ kind: 'new-orders', title: '3 pedidos novos' })]);
    s.controller.notificationClicked(s.notes[0]!.target);
    expect(s.actions).toEqual(['show:#/pedidos?filtro=notExported']);
  });

  it('runs the menu actions through the API', async () => {
    const s = setup();
    await s.controller.start();
    await s.controller.menuAction('sync-now');
    expect(s.calls.map((c) => c[1])).toEqual(['catalog', 'orders', 'tracking']);
    await s.controller.menuAction('toggle-pause');
    const menu = s.trays.at(-1)!.menu;
    expect(menu.some((i) => i.type === 'item' && i.label === 'Retomar')).toBe(true);
    expect(s.trays.at(-1)!.tooltip).toContain('pausado');
    await s.controller.menuAction('export-new');
    expect(s.notes.at(-1)).toMatchObject({ kind: 'info', body: '2 pedidos exportados' });
    await s.controller.menuAction('open');
    await s.controller.menuAction('quit');
    expect(s.actions).toEqual(['show:', 'quit']);
    expect(s.controller.windowClosing()).toBe('close');
  });

  it('hides to the tray on close, explaining it the first time only', async () => {
    const s = setup();
    expect(s.controller.windowClosing()).toBe('hide');
    expect(s.controller.windowClosing()).toBe('hide');
    expect(s.actions).toEqual(['hide', 'hide']);
    expect(s.notes.filter((n) => n.title === 'O Ponte continua rodando')).toHaveLength(1);
    expect(s.shellState.get().closeNoticeShown).toBe(true);
  });

  it('closes for real when "Sair ao fechar" is on', () => {
    const s = setup({ quitOnClose: true });
    expect(s.controller.windowClosing()).toBe('close');
    expect(s.notes).toEqual([]);
  });
});

describe('renderer files for the app scheme', () => {
  it('maps paths inside the renderer folder and refuses the rest', async () => {
    const { resolveRendererFile } = await import('../../electron/shell/static-files.ts');
    const root = '/opt/ponte/dist/renderer';
    expect(resolveRendererFile(root, '/')).toBe(`${root}/index.html`);
    expect(resolveRendererFile(root, '/assets/app-1.js')).toBe(`${root}/assets/app-1.js`);
    expect(resolveRendererFile(root, '/pedidos/42')).toBe(`${root}/index.html`);
    expect(resolveRendererFile(root, '/..%2f..%2fetc/passwd.txt')).toBeNull();
    expect(resolveRendererFile(root, '/%E0%A4%A')).toBeNull();
  });
});

describe('window security', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webview', async () => {
    const { secureWebPreferences } = await import('../../electron/shell/window-security.ts');
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('allows only hash moves within the app page, and opens only https links outside', async () => {
    const { isAllowedNavigation, externalLinkTarget } = await import('../../electron/shell/window-security.ts');
    const app = 'ponte://app/index.html';
    expect(isAllowedNavigation('ponte://app/index.html#/pedidos/3', app)).toBe(true);
    expect(isAllowedNavigation('ponte://app/other.html', app)).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', app)).toBe(false);
    expect(isAllowedNavigation('file:///C:/Windows/', app)).toBe(false);
    expect(isAllowedNavigation('not a url', app)).toBe(false);
    expect(externalLinkTarget('https://rastreamento.correios.com.br/?objetos=PN123456785BR')).not.toBeNull();
    expect(externalLinkTarget('http://example.com/')).toBeNull();
    expect(externalLinkTarget('file:///etc/passwd')).toBeNull();
    expect(externalLinkTarget('javascript:alert(1)')).toBeNull();
  });
});

describe('CSP', () => {
  it('forbids inline script, eval, remote content and framing', async () => {
    const { CONTENT_SECURITY_POLICY } = await import('../../electron/shell/csp.ts');
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });
});
