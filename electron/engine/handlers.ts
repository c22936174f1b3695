/**
 * The engine's implementation of the API contract: one typed handler per name. Inputs arrive
 * already validated by the dispatcher; this file only decides what each request does.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ERP_READ_KEYS, JOB_NAMES, PonteApiError, RestBudgetView, type CatalogEntity, type ErpDatabaseCandidate, type ErpDatabaseSettings, type Handlers, type JobStatus, type Overview, type RunSummary, type Settings, type SettingsPatch } from '../../shared/api/contract.ts';
import type { Connections } from './connections.ts';
import { changesStoreAccess } from '../../shared/api/demo.ts';
import type { RestAuthorizeFailure } from '../../shared/api/rest-access.ts';
import { secretTokenStore, type RestTokens } from './rest/auth.ts';
import { isRestError, RestAuthError } from './rest/errors.ts';
import { t as restText } from './rest/messages.ts';
import { t } from './sync/messages.ts';
import { errorMessage } from './sync/ports.ts';
import { backupFile, sameFile, writeTemplate } from './erp/index.ts';
import { previewErpQuery, testErpDatabase } from './erp/database-settings.ts';
import { genericMapping } from './erp/generic-schema.ts';
import { catalogPassCalls, restBudgetView } from './rest/budget-view.ts';
import { overviewHistory } from './sync/history.ts';
import { loadRefusedRows } from './sync/refused-rows.ts';
import { loadLastTest, saveLastTest } from './sync/last-test.ts';
import type { JobRunner } from './jobs.ts';
import { applySettingsPatch, checkedSettings, storeTransportOf, type SecretStore, type SettingsStore } from './settings.ts';
import type { PonteDb } from './store/index.ts';
import { exportHistory } from './sync/jobs/export.ts';
import type { DownloadShelf } from './downloads.ts';
import { requestOrderUpdates } from './sync/jobs/push.ts';
import type { JobContext } from './sync/ports.ts';
import type { Scheduler } from './sync/scheduler.ts';
import { backfillWindow } from './sync/window.ts';

export interface HandlerDeps {
  db: PonteDb;
  settingsStore: SettingsStore;
  secrets: SecretStore;
  connections: Connections;
  scheduler: Scheduler<RunSummary>;
  jobs: JobRunner;
  context: () => JobContext;
  dataDir: string;
  /** Files handed to the merchant as downloads. */
  downloads: DownloadShelf;
  /** Called after settings changed (re-watch the ERP files, re-read the locale). */
  onSettingsChanged: (patch: SettingsPatch) => void;
  /**
   * Replaces this engine with one on the merchant's own data (electron/session); absent where the
   * host cannot (a bare engine in tests).
   */
  leaveDemo?: () => Promise<void>;
}


const notFound = (what: string) => new PonteApiError('not_found', what);

/** The store feature (`capabilities()`) each catalogue entity needs. */
const ENTITY_FEATURE: Record<CatalogEntity, string> = {
  categorias: 'categories',
  marcas: 'brands',
  caracteristicas: 'characteristics',
  produtos: 'products',
  variacoes: 'variants',
  clientes: 'customers',
  listas: 'weddingLists',
};

/** A refused authorisation -> what the screen points at (the message says it in pt-BR). */
const authorizeFailureOf = (error: unknown): RestAuthorizeFailure => {
  if (error instanceof RestAuthError) {
    switch (error.reason) {
      case 'storeBlocked':
      case 'storeInactive':
      case 'storeCancelled':
      case 'tokenExpired':
      case 'authorizeAgain':
      case 'credentials':
      case 'unknown':
        return error.reason;
      case 'notAuthorized':
        return 'credentials';
      case 'redirect':
        return 'unreachable';
    }
  }
  return isRestError(error) && error.kind === 'transient' ? 'unreachable' : 'unknown';
};

export const createHandlers = (deps: HandlerDeps): Handlers => {
  const { db, scheduler, jobs, connections } = deps;

  /** Fire-and-forget: the UI learns the outcome from events, not from this request. */
  const kick = (job: 'tracking' | 'catalog') => {
    scheduler.runNow(job).catch(() => {});
  };

  const publicSettings = async (): Promise<Settings> => {
    const stored = deps.settingsStore.get();
    return {
      ...stored,
      store: {
        ...stored.store,
        transport: stored.store.transport ?? 'soap',
        apiAddress: stored.store.apiAddress ?? '',
        hasPassword: (await deps.secrets.get('trayPassword')) !== null,
        hasRestCredentials: (await deps.secrets.get('restConsumerKey')) !== null && (await deps.secrets.get('restConsumerSecret')) !== null,
        restAuthorizedUntil: (await secretTokenStore(deps.secrets).load())?.refreshExpiresAt ?? null,
      },
      // The demo's password is public: warning about how it is stored would only alarm.
      erpDatabase: { ...stored.erpDatabase, hasPassword: (await deps.secrets.get('erpPassword')) !== null },
      secretStorageWarning: stored.demo ? null : deps.secrets.warning(),
    };
  };

  /** The database form as typed over the saved one; the typed password, else the saved one. */
  const erpCandidate = async (candidate: ErpDatabaseCandidate = {}): Promise<{ db: ErpDatabaseSettings; password: string | null }> => {
    const { password, read, ...fields } = candidate;
    const saved = deps.settingsStore.get().erpDatabase;
    return { db: { ...saved, ...fields, read: { ...saved.read, ...read } }, password: password ?? (await deps.secrets.get('erpPassword')) };
  };

  const jobStatus = (job: (typeof JOB_NAMES)[number]): JobStatus => {
    const storeState = connections.storeState();
    const needsErp = job === 'catalog' || (job === 'export' && deps.settingsStore.get().export.target === 'erp');
    const erpMissing = needsErp && deps.settingsStore.get().erp.kind === 'none';
    const running = scheduler.isRunning(job);
    return {
      job,
      state: running ? 'running' : erpMissing ? 'disabled' : scheduler.isPaused() ? 'paused' : scheduler.backingOff(job) ? 'backoff' : 'idle',
      reason: erpMissing ? 'Nenhuma fonte do ERP configurada.' : scheduler.backingOff(job) ? (storeState.message ?? null) : null,
      lastRun: db.lastRun(job),
      nextRunAt: scheduler.nextRunAt(job),
      progress: null,
    };
  };

  const overview = async (): Promise<Overview> => {
    const settings = deps.settingsStore.get();
    const orderCounts = db.orderCounts();
    const outbox = db.outboxCounts();
    return {
      paused: scheduler.isPaused(),
      demo: settings.demo,
      jobs: JOB_NAMES.map(jobStatus),
      // What the Painel names is the way Ponte reaches the store: on REST, the API address (no store code there).
      store: {
        ...connections.storeState(),
        ...(storeTransportOf(settings) === 'rest' ? { url: settings.store.apiAddress ?? '', storeId: '' } : { url: settings.store.url, storeId: settings.store.storeId }),
      },
      erp: { ...connections.erpState(), kind: settings.erp.kind, path: settings.erp.path },
      counts: {
        ...orderCounts,
        outboxPending: outbox.pending,
        outboxFailed: outbox.failed,
        heldPrices: db.listHeldPrices().length,
        refusedRows: loadRefusedRows(db).total,
      },
    };
  };

  return {
    'overview.get': overview,
    'jobs.run': ({ job }) => scheduler.runNow(job),
    'jobs.pause': async () => {
      scheduler.pause();
      return overview();
    },
    'jobs.resume': async () => {
      scheduler.resume();
      return overview();
    },
    'orders.list': async (query) => db.queryOrders(query),
    'orders.get': async ({ id }) => db.getOrder(id) ?? Promise.reject(notFound(`Pedido ${id} não encontrado.`)),
    'orders.backfill': ({ from, to }) => scheduler.runWith('orders', () => jobs.backfill(backfillWindow(from, to))),
    'orders.setTracking': async ({ entries }) => {
      const results = requestOrderUpdates(deps.context(), entries);
      if (results.some((r) => r.outboxIds.length > 0)) kick('tracking');
      return results;
    },
    'orders.export': async ({ target, scope }) => (await scheduler.runWith('export', () => jobs.export(target, scope))).result,
    'orders.exportHistory': async () => exportHistory(db),
    'orders.exportAgain': async ({ id }) => {
      const folder = await deps.downloads.stage();
      const { result, files } = await scheduler.runWith('export', () => jobs.exportAgain(id, folder));
      const downloads = await Promise.all(files.map((file) => deps.downloads.offer(file)));
      return { ...result, downloads };
    },
    'outbox.list': async ({ states, limit, offset = 0 }) => {
      // The outbox store pages by limit only; the queue is small enough to skip rows here.
      const numbers = new Map<number, string | null>();
      const numberOf = (orderId: number) => {
        if (!numbers.has(orderId)) numbers.set(orderId, db.getOrder(orderId)?.number ?? null);
        return numbers.get(orderId) ?? null;
      };
      return db
        .listOutbox(states, offset + limit)
        .slice(offset)
        .map((entry) => (entry.orderId === null ? entry : { ...entry, orderNumber: numberOf(entry.orderId) }));
    },
    'outbox.retry': async ({ id }) => {
      const entry = db.requeue(id);
      kick('tracking');
      return entry;
    },
    'outbox.discard': async ({ id }) => db.discard(id),
    'catalog.report': async () => {
      // What the store cannot take is said on its row (Catálogo), with the store's own reason.
      const features = connections.storeState().features;
      return db.catalogReport().map((r) => {
        const feature = features[ENTITY_FEATURE[r.entity]];
        return feature && !feature.available && feature.reason ? { ...r, unavailable: feature.reason } : r;
      });
    },
    'catalog.retry': ({ entity, key }) => scheduler.runWith('catalog', () => jobs.catalog({ ...(entity && { entity }), ...(key && { key }) })),
    'catalog.heldPrices': async () => db.listHeldPrices(),
    'catalog.confirmPrice': async ({ sku, approve }) => {
      const held = db.releaseHeldPrice(sku);
      if (!held) throw notFound(`Nenhum preço retido para ${sku}.`);
      db.decidePrice(sku, approve ? 'approved' : 'rejected', held.newPrice);
      if (approve) kick('catalog');
      return db.listHeldPrices();
    },
    'activity.list': async (filter) => db.listActivity(filter),
    'settings.get': publicSettings,
    'settings.update': async (patch) => {
      const before = deps.settingsStore.get();
      // On the demo the engine runs the sample catalogue unthrottled: pointed at a real store, it would
      // push it there. A real store is reached only after leaving the demo (a new engine, own data).
      if (before.demo && changesStoreAccess(patch)) throw new PonteApiError('invalid_input', t('demo.storeLocked'));
      if (patch.demo !== undefined && patch.demo !== before.demo) throw new PonteApiError('invalid_input', t('demo.flagLocked'));
      // The whole result is checked before anything is saved, the password included: a patch
      // applies entirely or not at all.
      const next = checkedSettings(applySettingsPatch(before, patch));
      if (patch.store?.password !== undefined) await deps.secrets.set('trayPassword', patch.store.password);
      if (patch.store?.consumerKey !== undefined) await deps.secrets.set('restConsumerKey', patch.store.consumerKey);
      if (patch.store?.consumerSecret !== undefined) await deps.secrets.set('restConsumerSecret', patch.store.consumerSecret);
      if (patch.store?.code !== undefined) {
        // A new authorisation code is a new authorisation: the tokens of the old one are dropped.
        await deps.secrets.set('restCode', patch.store.code);
        await deps.secrets.set('trayRestTokens', '');
      }
      if (patch.erpDatabase?.password !== undefined) await deps.secrets.set('erpPassword', patch.erpDatabase.password);
      deps.settingsStore.set(next);
      if (patch.store || patch.erp || patch.erpDatabase || patch.fieldMap || patch.demo !== undefined) await connections.reset();
      if (patch.schedule) scheduler.reschedule();
      deps.onSettingsChanged(patch);
      return publicSettings();
    },
    'store.testConnection': async (candidate) => {
      const result = await connections.testConnection(candidate ?? {});
      if (result.ok) {
        const saved = deps.settingsStore.get().store;
        const rest = (candidate?.transport ?? storeTransportOf(deps.settingsStore.get())) === 'rest';
        const url = rest ? (candidate?.apiAddress ?? saved.apiAddress ?? '') : (candidate?.url ?? saved.url);
        saveLastTest(db, { at: new Date().toISOString(), url, storeId: candidate?.storeId ?? saved.storeId, features: result.features, statuses: result.statuses, ...(result.fields && { fields: result.fields }) });
      }
      return result;
    },
    'store.lastTest': async () => loadLastTest(db),
    'store.restBudget': async () => {
      const budget = connections.restBudget();
      if (!budget) return null;
      const next = scheduler.nextRunAt('catalog');
      // Checked against the contract here, so the Painel never draws a number the engine got wrong.
      return RestBudgetView.parse(restBudgetView(budget, catalogPassCalls(db.catalogReport()), next ? new Date(next) : null, deps.context().now()));
    },
    'store.authorize': async ({ apiAddress, code, consumerKey, consumerSecret }) => {
      if (deps.settingsStore.get().demo) throw new PonteApiError('invalid_input', t('demo.storeLocked'));
      const key = consumerKey ?? (await deps.secrets.get('restConsumerKey'));
      const secret = consumerSecret ?? (await deps.secrets.get('restConsumerSecret'));
      if (!key || !secret) return { ok: false, failure: 'missingCredentials', message: restText('auth.missingCredentials') };
      let tokens: RestTokens;
      try {
        tokens = await connections.authorizeRest({ apiAddress, consumerKey: key, consumerSecret: secret, code });
      } catch (error) {
        return { ok: false, failure: authorizeFailureOf(error), message: errorMessage(error) };
      }
      // What Tray accepted is kept whole, and REST becomes the way to the store: the tokens belong to
      // this address and key pair, and a code cannot be exchanged twice.
      const patch = { store: { transport: 'rest', apiAddress } } as const;
      const next = checkedSettings(applySettingsPatch(deps.settingsStore.get(), patch));
      await deps.secrets.set('restConsumerKey', key);
      await deps.secrets.set('restConsumerSecret', secret);
      await deps.secrets.set('restCode', code);
      await secretTokenStore(deps.secrets).save(tokens);
      deps.settingsStore.set(next);
      await connections.reset();
      deps.onSettingsChanged(patch);
      return { ok: true, message: restText('auth.authorized'), accessExpiresAt: tokens.accessExpiresAt, refreshExpiresAt: tokens.refreshExpiresAt };
    },
    'app.leaveDemo': async () => {
      if (!deps.settingsStore.get().demo) throw new PonteApiError('invalid_input', t('demo.notOnDemo'));
      if (!deps.leaveDemo) throw new PonteApiError('unavailable', t('demo.cannotLeave'));
      await deps.leaveDemo();
      return { left: true } as const;
    },
    'overview.history': async () => overviewHistory(db, new Date()),
    'catalog.refusedRows': async () => loadRefusedRows(db),
    'store.statuses': async () => {
      if (storeTransportOf(deps.settingsStore.get()) === 'rest') {
        const statuses = await connections.storePort.listStatuses();
        // The settings screen reads the store's SOAP words for a status type.
        return statuses.map((s) => ({ id: s.id, name: s.name, type: s.kind === 'open' ? 'aberto' : s.kind === 'closed' ? 'fechado' : 'cancelado' }));
      }
      const tray = await connections.tray();
      const statuses = await tray.call('fWSImportaStatusPedido', []);
      return statuses.map((s) => ({ id: s.id_status, name: s.status, type: s.tipo }));
    },
    'erp.testConnection': async (candidate) => {
      const { db, password } = await erpCandidate(candidate);
      return testErpDatabase(db, password);
    },
    'erp.preview': async ({ database, entity, sql }) => {
      const { db, password } = await erpCandidate(database);
      return previewErpQuery(db, password, entity, sql ?? db.read[entity]);
    },
    'erp.startingMapping': async ({ driver }) => {
      const mapping = genericMapping({ driver: 'sqlite', path: '-' }, driver);
      const read = mapping.read as Partial<Record<(typeof ERP_READ_KEYS)[number], string>>;
      return {
        read: Object.fromEntries(ERP_READ_KEYS.map((k) => [k, read[k] ?? ''])) as ErpDatabaseSettings['read'],
        write: { orderExists: mapping.write?.orderExists ?? '', order: mapping.write?.order ?? '', orderItem: mapping.write?.orderItem ?? '' },
        productsChangeColumn: mapping.changes?.products ?? '',
      };
    },
    'erp.templateDownload': async () => {
      const file = path.join(await deps.downloads.stage(), 'modelo-ponte.xlsx');
      await writeTemplate(file);
      return deps.downloads.offer(file);
    },
    'erp.template': async ({ path: target, overwrite }) => {
      const file = path.resolve(target ?? path.join(deps.dataDir, 'modelo-ponte.xlsx'));
      // Whatever transport asked, this only ever writes a workbook, never over another kind of file.
      if (path.extname(file).toLowerCase() !== '.xlsx') throw new PonteApiError('invalid_input', 'O modelo é uma planilha: o arquivo deve terminar em .xlsx.');
      // The configured source holds the merchant's catalogue: an empty template over it would
      // make the next catalogue run push nothing. Never, confirmed or not.
      const erp = deps.settingsStore.get().erp;
      if (erp.kind === 'spreadsheet' && erp.path) {
        const source = path.resolve(erp.path);
        const inside = existsSync(source) && statSync(source).isDirectory() && path.dirname(file) === source;
        if (inside || (await sameFile(file, source))) {
          throw new PonteApiError('rejected', `${path.basename(file)} é a planilha configurada como origem dos dados: escolha outro nome para o modelo.`, { reason: 'configured' });
        }
      }
      let backup: string | null = null;
      if (existsSync(file)) {
        if (!overwrite) throw new PonteApiError('rejected', `Já existe um arquivo ${path.basename(file)} nesse lugar.`, { reason: 'exists' });
        backup = await backupFile(file);
      }
      await writeTemplate(file);
      return { path: file, backup };
    },
  };
};
