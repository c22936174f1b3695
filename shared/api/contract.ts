/**
 * The one API between Ponte's UI and its engine.
 *
 * Both transports carry exactly this: Electron's preload (contextBridge + IPC) and the headless
 * HTTP server (JSON + server-sent events). Every handler's input has a zod schema: the engine side
 * validates whatever arrives, so a malformed or hostile call is refused in one place for both
 * transports. Outputs are plain JSON produced by the engine. Nothing here carries the Tray password
 * outward: settings expose `hasPassword` only.
 */
import { z } from 'zod';
import type { StoreFieldReport, StoreOrderRecord } from './store-fields.ts';
// REST access (Configurações → "Como conectar"): its schemas and outputs live in their own file.
import { DEMO_INPUTS, type DemoOutputs } from './demo.ts';
import { REST_ACCESS_INPUTS, StoreTestCandidate, type RestAccessOutputs } from './rest-access.ts';
export * from './rest-access.ts';

// ---------------------------------------------------------------------------------------------
// Shared vocabulary

export const JOB_NAMES = ['catalog', 'orders', 'tracking', 'export'] as const;
export const JobName = z.enum(JOB_NAMES);
export type JobName = z.infer<typeof JobName>;

/**
 * Order statuses as the merchant's side (ERP or the UI) speaks of them. The store's own status ids
 * differ per store, so each is mapped by the merchant in settings (never hard-coded).
 */
export const LOCAL_STATUSES = [
  'aguardando_pagamento',
  'pago',
  'em_separacao',
  'enviado',
  'entregue',
  'cancelado',
] as const;
export const LocalStatus = z.enum(LOCAL_STATUSES);
export type LocalStatus = z.infer<typeof LocalStatus>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'data no formato AAAA-MM-DD');
const shortText = (max: number) => z.string().trim().max(max);

// ---------------------------------------------------------------------------------------------
// Outputs (produced by the engine)

export type RunResult = 'ok' | 'partial' | 'failed';

export interface RunSummary {
  id: number;
  job: JobName;
  startedAt: string;
  finishedAt: string | null;
  result: RunResult | 'running';
  /** e.g. { created: 3, updated: 1, unchanged: 812, failed: 1 } */
  counts: Record<string, number>;
  errorCount: number;
  message: string | null;
}

export interface JobStatus {
  job: JobName;
  state: 'idle' | 'running' | 'paused' | 'backoff' | 'disabled';
  /** Why the job is disabled (missing capability, no ERP configured) or backing off. */
  reason: string | null;
  lastRun: RunSummary | null;
  nextRunAt: string | null;
  progress: { done: number; total: number } | null;
}

export interface FeatureState {
  available: boolean;
  reason: string | null;
}

export interface ConnectionState {
  state: 'ok' | 'error' | 'unknown';
  message: string | null;
  checkedAt: string | null;
}

export interface Overview {
  paused: boolean;
  demo: boolean;
  jobs: JobStatus[];
  store: ConnectionState & { url: string; storeId: string; features: Record<string, FeatureState> };
  erp: ConnectionState & { kind: ErpKind; path: string };
  counts: {
    orders: number;
    notExported: number;
    noTracking: number;
    outboxPending: number;
    outboxFailed: number;
    heldPrices: number;
    /** ERP rows the last catalogue read refused (listed on Catálogo). */
    refusedRows: number;
  };
}

/** One ERP row the catalogue read refused: where it is, which record, which field, why. */
export interface RefusedRow {
  entity: string;
  /** Sheet, CSV file or SQL query name, as the merchant knows it. */
  place: string;
  row: number | null;
  record: string | null;
  field: string | null;
  reason: string;
}

export interface RefusedRows {
  /** When the catalogue was last read; null before the first read. */
  at: string | null;
  total: number;
  /** The first rows (the list is capped; `total` counts them all). */
  rows: RefusedRow[];
}

/** What the Painel draws: orders per day (oldest first, every day present) and recent runs per job. */
export interface OverviewHistory {
  ordersPerDay: Array<{ date: string; count: number }>;
  runs: Record<JobName, RunSummary[]>;
}

/** The last connection test that worked, kept so the settings screen shows the store's statuses. */
export interface LastConnectionTest {
  at: string;
  url: string;
  storeId: string;
  features: Record<string, FeatureState>;
  statuses: StoreStatusOption[];
  /** The store's WSDL field names against ours (absent in a test saved before this existed). */
  fields?: StoreFieldReport;
}

export interface OrderRow {
  id: number; // Tray's id_pedido
  number: string;
  date: string; // ISO date-time
  customerName: string;
  city: string;
  uf: string;
  total: number;
  statusId: number;
  statusName: string;
  trackingCode: string | null;
  exportedAt: string | null;
  /** State of the newest push for this order, if any. */
  pushState: OutboxState | null;
}

export interface OrderDetail extends OrderRow {
  subtotal: number;
  shipping: number;
  discount: number;
  paymentMethod: string;
  shippingMethod: string;
  shippedAt: string | null;
  trackingUrl: string | null;
  notes: string;
  /** `variantId`: the store's id of the variant sold, null for a plain product or where the store did not say. */
  items: Array<{ productId: number; variantId: number | null; sku: string; name: string; quantity: number; price: number }>;
  customer: {
    id: number;
    name: string;
    document: string;
    email: string;
    phone: string;
  };
  address: {
    street: string;
    number: string;
    complement: string;
    district: string;
    city: string;
    uf: string;
    cep: string;
  };
  installments: Array<{ number: number; amount: number; dueDate: string; method: string }>;
  pushes: OutboxEntry[];
  /** What the store sent for this order (absent for orders read before it was kept). */
  storeRecord?: StoreOrderRecord;
}

/** 'superseded': the store had moved the order elsewhere itself, so the push was never written. */
export const OUTBOX_STATES = ['pending', 'sending', 'outcome_unknown', 'done', 'failed', 'discarded', 'superseded'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxEntry {
  id: number;
  kind: 'status' | 'tracking' | 'stock' | 'price';
  orderId: number | null;
  /** The order's number as the shop sees it (outbox.list fills it in). */
  orderNumber?: string | null;
  /** Human summary, e.g. "Status ENVIADO (e-mail ao cliente)" or "Rastreio PN123456785BR". */
  summary: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  /** A status push emails the shopper: the UI warns before retrying it. */
  emailsShopper: boolean;
}

export interface CatalogEntityReport {
  entity: CatalogEntity;
  lastPushAt: string | null;
  counts: { created: number; updated: number; unchanged: number; failed: number };
  failures: Array<{ key: string; message: string }>;
  /**
   * Why this entity is not sent to the store (its feature unavailable there, e.g. wedding lists over
   * REST), in pt-BR; absent when it is sent or when the store's features are not known yet.
   */
  unavailable?: string;
}

export const CATALOG_ENTITIES = [
  'categorias',
  'marcas',
  'caracteristicas',
  'produtos',
  'variacoes',
  'clientes',
  'listas',
] as const;
export type CatalogEntity = (typeof CATALOG_ENTITIES)[number];

export interface HeldPrice {
  sku: string;
  name: string;
  currentPrice: number;
  newPrice: number;
  dropPercent: number;
}

export interface ActivityEntry {
  id: number;
  at: string;
  level: 'info' | 'warn' | 'error';
  job: JobName | 'app' | null;
  message: string;
}

export interface StoreStatusOption {
  id: number;
  name: string;
  type: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  /** Our operation name → available / reason. */
  features: Record<string, FeatureState>;
  statuses: StoreStatusOption[];
  /** The store's WSDL field names against ours, type by type (when the WSDL was read). */
  fields?: StoreFieldReport;
}

export type ErpKind = 'spreadsheet' | 'sql' | 'none';

export interface StatusMappingEntry {
  local: LocalStatus;
  storeStatusId: number | null;
  /** The merchant chooses which statuses are pushed at all: each push emails the shopper. */
  push: boolean;
}

/**
 * Per store, per answer type: our field -> the store's name for it (e.g. `{ Pedido: { total:
 * 'vl_total' } }`), for stores whose WebService names fields its own way.
 */
export type StoreFieldMap = Record<string, Record<string, string>>;

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
export const StoreFieldMapSchema = z
  .record(z.string().regex(FIELD_NAME, 'nome de tipo inválido'), z.record(z.string().regex(FIELD_NAME, 'nome de campo inválido'), z.string().trim().regex(FIELD_NAME, 'nome de campo da loja inválido')))
  .refine((m) => Object.keys(m).length <= 32 && Object.values(m).every((f) => Object.keys(f).length <= 64), 'mapa de campos grande demais');

export interface Settings {
  store: {
    url: string;
    storeId: string;
    login: string;
    hasPassword: boolean;
    transport: StoreTransport;
    apiAddress: string;
    /** REST: the consumer key and secret are in the secret store (they are never read back). */
    hasRestCredentials: boolean;
    /** REST: until when the saved authorisation can be renewed (the refresh token's end); null = not authorised. */
    restAuthorizedUntil?: string | null;
  };
  /** Absent = off: no wedding list is created on a store that cannot be searched for them. */
  weddingLists?: { createWithoutLookup: boolean };
  /** Absent = the safe defaults. */
  storePace?: { callsInFlight: number; callsPerMinute: number; outboxLeaseSeconds: number };
  /** REST: the store's daily call limit at Tray; absent = 10,000 (REST_CALLS_PER_DAY.standard). */
  restLimits?: { callsPerDay: number };
  /** The store's own field names (Configurações → campos da loja). */
  fieldMap: StoreFieldMap;
  /** True while Ponte runs on the built-in demo store. */
  demo: boolean;
  erp: { kind: ErpKind; path: string };
  /** The ERP's database server (when `erp.kind` is 'sql'); the password is write-only. */
  erpDatabase: ErpDatabaseSettings & { hasPassword: boolean };
  statusMapping: StatusMappingEntry[];
  schedule: Record<JobName, number>; // minutes; 0 = manual only
  stock: { safetyBuffer: number };
  priceDropConfirmPercent: number;
  export: { target: 'erp' | 'csv' | 'xlsx'; folder: string };
  notifications: { newOrders: boolean; failures: boolean };
  startWithWindows: boolean;
  quitOnClose: boolean;
  locale: 'pt-BR' | 'en';
  /** Set when the password cannot be encrypted on this machine (shown as a warning). */
  secretStorageWarning: string | null;
}

/**
 * What one requested change became: a new push, joined to the same change still queued (the same
 * request again), or already done (the order already shows it, nothing to send).
 */
export interface PushChange {
  kind: 'status' | 'tracking';
  result: 'new' | 'joined' | 'already';
  /** The push that carries it (the new or the queued one); null when already done. */
  outboxId: number | null;
}

export interface PushResult {
  orderId: number;
  ok: boolean;
  /** Outbox ids created for this entry (status and/or tracking). */
  outboxIds: number[];
  /** One per change asked for in the entry (empty when the entry was refused). */
  changes: PushChange[];
  error: string | null;
}

export interface ExportResult {
  count: number;
  target: 'erp' | 'csv' | 'xlsx';
  /** File written, when the target is a file. */
  file: string | null;
  message: string;
  /** Files to hand to the merchant as downloads ("baixar de novo"), when the export made any. */
  downloads?: DownloadTicket[];
}

/**
 * A file Ponte prepared for the merchant to keep where they choose: the transport hands it over
 * (`PonteApi.download`) as a browser download or through the desktop's save dialog.
 */
export interface DownloadTicket {
  /** Random and short-lived: whoever holds it may fetch this one file. */
  id: string;
  /** The file name the merchant sees. */
  name: string;
  size: number;
}

/** How a download ended: saved where the merchant chose (desktop), handed to the browser, or cancelled. */
export interface DownloadOutcome {
  saved: boolean;
  /** Where it went, when the transport knows (the desktop's save dialog); null for a browser download. */
  path: string | null;
  /** A copy of the file it replaced. */
  backup: string | null;
}

/** A file export Ponte remembers, so a lost file can be written again ("baixar de novo"). */
export interface ExportRecord {
  id: number;
  at: string;
  target: 'csv' | 'xlsx';
  file: string;
  count: number;
  /** Which orders went in; `again` = a copy of export `of`. */
  scope: ExportScope | { kind: 'again'; of: number };
  /** Whether the file is still where Ponte wrote it. */
  fileExists: boolean;
}

export type PonteEvent =
  | { type: 'job-progress'; job: JobName; done: number; total: number }
  | { type: 'run-finished'; run: RunSummary }
  | { type: 'new-orders'; count: number; orderIds: number[] }
  | { type: 'failure'; job: JobName | null; cause: string; message: string }
  | { type: 'outbox-changed' }
  | { type: 'overview-changed' }
  /** The engine behind the API was replaced (the demo left): every cached answer is stale. */
  | { type: 'session-changed' };

// ---------------------------------------------------------------------------------------------
// Inputs (validated by the engine)

export const OrderQuery = z
  .object({
    statusIds: z.array(z.number().int()).max(100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    text: shortText(200).optional(),
    noTracking: z.boolean().optional(),
    notExported: z.boolean().optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type OrderQuery = z.input<typeof OrderQuery>;

/** The order list's filters without paging: what "export the list as filtered" exports. */
export const OrderFilter = OrderQuery.omit({ offset: true, limit: true });
export type OrderFilter = z.infer<typeof OrderFilter>;

/**
 * Which orders an export takes: the new ones (default), a period of order dates, the list's
 * current filter, or orders picked by hand. Orders already exported are exported again.
 */
export const ExportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new') }).strict(),
  z
    .object({ kind: z.literal('range'), from: isoDate, to: isoDate })
    .strict()
    .refine((r) => r.from <= r.to, { message: 'a data inicial vem depois da final' }),
  z.object({ kind: z.literal('filter'), filter: OrderFilter }).strict(),
  z.object({ kind: z.literal('ids'), ids: z.array(z.number().int().positive()).min(1).max(10_000) }).strict(),
]);
export type ExportScope = z.infer<typeof ExportScope>;

export const TrackingEntry = z
  .object({
    orderId: z.number().int().positive(),
    trackingCode: shortText(60).optional(),
    shippedAt: isoDate.optional(),
    trackingUrl: z.string().trim().url().max(500).optional(),
    status: LocalStatus.optional(),
  })
  .strict()
  .refine((e) => e.trackingCode !== undefined || e.status !== undefined, {
    message: 'informe um código de rastreio ou um status',
  });
export type TrackingEntry = z.input<typeof TrackingEntry>;

/**
 * The ERP's database as Configurações holds it. `sqlite` keeps the mapping file named in `erp.path`;
 * the servers are reached with these fields and one query per entity. The lists repeat the engine's
 * (erp/drivers/config.ts, erp/sql.ts): shared/ cannot import the engine; a test keeps them equal.
 */
export const ERP_DB_DRIVERS = ['sqlite', 'firebird', 'postgres', 'mysql'] as const;
export type ErpDbDriver = (typeof ERP_DB_DRIVERS)[number];
export type ErpServerDriver = Exclude<ErpDbDriver, 'sqlite'>;
export const ERP_DB_PORTS: Record<ErpServerDriver, number> = { firebird: 3050, postgres: 5432, mysql: 3306 };
export const ERP_FIREBIRD_CHARSETS = ['WIN1252', 'ISO8859_1', 'UTF8', 'NONE'] as const;
export const ERP_READ_KEYS = ['products', 'variants', 'categories', 'brands', 'characteristics', 'customers', 'weddingLists', 'weddingListItems', 'shippingUpdates'] as const;
export type ErpReadKey = (typeof ERP_READ_KEYS)[number];
export const ERP_WRITE_KEYS = ['orderExists', 'order', 'orderItem'] as const;
export type ErpWriteKey = (typeof ERP_WRITE_KEYS)[number];

const sqlText = z.string().max(20_000);
/** '' = not read / not written. */
const readQueries = z.object({
  ...(Object.fromEntries(ERP_READ_KEYS.map((k) => [k, sqlText])) as Record<Exclude<ErpReadKey, 'variants'>, typeof sqlText>),
  // Came with variants (#15): a settings file saved before them reads as "not read", its other queries kept.
  variants: sqlText.default(''),
});
const writeStatements = z.object(Object.fromEntries(ERP_WRITE_KEYS.map((k) => [k, sqlText])) as Record<ErpWriteKey, typeof sqlText>);
const ErpDatabaseFields = z.object({
  driver: z.enum(ERP_DB_DRIVERS),
  host: shortText(255),
  port: z.number().int().min(1).max(65_535),
  /** Database name (PostgreSQL, MariaDB) or, for Firebird, the path on the server or an alias. */
  database: shortText(1000),
  user: shortText(128),
  /** Firebird only; no default: a wrong one garbles accents, so the merchant picks it. */
  charset: z.enum(ERP_FIREBIRD_CHARSETS).nullable(),
  wireCrypt: z.enum(['enabled', 'disabled']),
  auth: z.enum(['srp', 'legacy']),
  read: readQueries,
  write: writeStatements,
  /** Optional "data de alteração" column of the products query ('' = re-read everything). */
  productsChangeColumn: z.union([z.literal(''), z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]{0,63}$/, 'use só o nome da coluna (letras, números e _)')]),
});
export type ErpDatabaseSettings = z.infer<typeof ErpDatabaseFields>;

/** The database form as typed: left-out fields (the password above all) come from the saved settings. */
export const ErpDatabaseCandidate = ErpDatabaseFields.extend({ password: z.string().max(200) }).partial().strict();
export type ErpDatabaseCandidate = z.input<typeof ErpDatabaseCandidate>;

/** What failed, so the UI can point at the field: the message itself says it in pt-BR. */
export type ErpTestFailure = 'config' | 'down' | 'lost' | 'timeout' | 'auth' | 'notFound' | 'wireCrypt' | 'permission' | 'garbled' | 'query';

export interface ErpQueryCheck {
  entity: ErpReadKey;
  ok: boolean;
  /** Rows read (the test stops at a few). */
  rows: number;
  message: string | null;
}

export interface ErpConnectionTestResult {
  ok: boolean;
  failure: ErpTestFailure | null;
  message: string;
  /** "PostgreSQL 15.8", when the server answered. */
  version: string | null;
  queries: ErpQueryCheck[];
  /** False: no order writes configured (read-only user): orders go to files. */
  writes: boolean;
}

export interface ErpPreviewProblem {
  row: number | null;
  column: string | null;
  message: string;
}

export interface ErpPreview {
  entity: ErpReadKey;
  /** The columns Ponte recognised: its field name and the column as the query names it. */
  columns: Array<{ field: string; header: string }>;
  /** The first rows as Ponte reads them, by field (values as text, as a table shows them). */
  rows: Array<{ row: number; values: Record<string, string> }>;
  /** Every per-row problem among the rows read, in the same words as for spreadsheets. */
  problems: ErpPreviewProblem[];
  /** Rows the database returned (at most the preview's limit). */
  fetched: number;
  /** Set when the query could not be run at all (connection, SQL); rows and problems are then empty. */
  failure: { kind: ErpTestFailure; message: string } | null;
}

export const ERP_PREVIEW_ROWS = 20;

const scheduleMinutes = z.number().int().min(0).max(7 * 24 * 60);

/**
 * The one settings schema, per top-level field: the settings file is read with it (a bad field is
 * reset alone) and a patch is checked against it, so the API and the file cannot disagree.
 */
/** How Ponte reaches the store: Tray's SOAP WebService (an add-on Tray's support switches on) or its REST API. */
export const StoreTransport = z.enum(['soap', 'rest']);
export type StoreTransport = z.infer<typeof StoreTransport>;

/**
 * Tray's daily cap on REST calls, per store: 10,000, or 50,000 for large stores (the two choices
 * Configurações offers). Any whole number between `min` and `max` is accepted, because the cap is
 * the store's, shared by every app on it: a merchant whose store also runs another integration
 * (a marketplace hub, another ERP) sets Ponte below Tray's figure so both fit in one day. Above
 * 50,000 no Tray plan answers, so a larger number can only be a typo that runs into 429s; below
 * 1,000 the order pull alone (every 5 minutes: 288 listings a day, plus one call per order) would
 * not fit beside the reserves, so the sync could not keep up at all.
 */
export const REST_CALLS_PER_DAY = { standard: 10_000, large: 50_000, min: 1_000, max: 50_000 } as const;

export const SETTINGS_FIELDS = {
  store: z.object({
    url: z.union([z.literal(''), z.string().trim().url().max(500)]),
    storeId: shortText(40),
    login: shortText(120),
    // Defaults, not required: a settings file written before REST existed reads as SOAP, unchanged.
    transport: StoreTransport.default('soap'),
    /** The store's REST address (Tray's `api_address`, https://<loja>/web_api); '' on SOAP. */
    apiAddress: z.union([z.literal(''), z.string().trim().url().max(500)]).default(''),
  }),
  demo: z.boolean(),
  erp: z.object({ kind: z.enum(['spreadsheet', 'sql', 'none']), path: shortText(1000) }),
  erpDatabase: ErpDatabaseFields,
  statusMapping: z
    .array(z.object({ local: LocalStatus, storeStatusId: z.number().int().positive().nullable(), push: z.boolean() }))
    .max(LOCAL_STATUSES.length),
  schedule: z.object({ catalog: scheduleMinutes, orders: scheduleMinutes, tracking: scheduleMinutes, export: scheduleMinutes }),
  stock: z.object({ safetyBuffer: z.number().int().min(0).max(100_000) }),
  priceDropConfirmPercent: z.number().min(0).max(100),
  export: z.object({ target: z.enum(['erp', 'csv', 'xlsx']), folder: shortText(1000) }),
  notifications: z.object({ newOrders: z.boolean(), failures: z.boolean() }),
  startWithWindows: z.boolean(),
  quitOnClose: z.boolean(),
  locale: z.enum(['pt-BR', 'en']),
  fieldMap: StoreFieldMapSchema,
  /**
   * Creating wedding lists on a store whose lists cannot be searched: off by default, since the
   * store may already have them (#12); the merchant turns it on after checking Tray's panel.
   */
  weddingLists: z.object({ createWithoutLookup: z.boolean() }).optional(),
  /**
   * How hard Ponte may drive the store (absent = the safe defaults, STORE_PACE_DEFAULTS in
   * electron/engine/settings.ts): calls in flight, calls a minute, and how long an outbox push is
   * leased to a sender before another may take it over after a crash.
   */
  storePace: z
    .object({
      callsInFlight: z.number().int().min(1).max(16),
      callsPerMinute: z.number().int().min(1).max(1000),
      outboxLeaseSeconds: z.number().int().min(30).max(3600),
    })
    .optional(),
  /**
   * REST's daily call limit (absent = REST_CALLS_PER_DAY.standard). Its own field rather than one
   * inside `store`: the file is repaired per top-level field, and a bad limit must not reset the
   * store's address and login with it.
   */
  restLimits: z
    .object({ callsPerDay: z.number().int().min(REST_CALLS_PER_DAY.min).max(REST_CALLS_PER_DAY.max) })
    .optional(),
} as const;

const F = SETTINGS_FIELDS;
export const SettingsPatch = z
  .object({
    store: F.store
      .extend({
        // The saved file's defaults (a pre-REST file reads as SOAP) are not a patch's: a patch that
        // leaves these out must leave them as they are, not turn a REST store back into SOAP.
        transport: F.store.shape.transport.unwrap().optional(),
        apiAddress: F.store.shape.apiAddress.unwrap().optional(),
        /** Write-only: stored encrypted, never read back. */
        password: z.string().max(200).optional(),
        /**
         * Write-only, REST: the app's consumer key and secret and the store's authorisation code,
         * kept in the secret store like the password (never in settings.json, logs or the window).
         */
        consumerKey: z.string().trim().min(1).max(200).optional(),
        consumerSecret: z.string().trim().min(1).max(200).optional(),
        code: z.string().trim().min(1).max(500).optional(),
      })
      .partial()
      .strict(),
    demo: F.demo,
    erp: F.erp.partial().strict(),
    erpDatabase: F.erpDatabase
      .extend({
        read: F.erpDatabase.shape.read.partial().strict(),
        write: F.erpDatabase.shape.write.partial().strict(),
        /** Write-only: kept in the secret store, never read back. */
        password: z.string().max(200).optional(),
      })
      .partial()
      .strict(),
    statusMapping: z.array(F.statusMapping.element.strict()).max(LOCAL_STATUSES.length),
    schedule: F.schedule.partial().strict(),
    stock: F.stock.strict(),
    priceDropConfirmPercent: F.priceDropConfirmPercent,
    export: F.export.partial().strict(),
    notifications: F.notifications.partial().strict(),
    startWithWindows: F.startWithWindows,
    quitOnClose: F.quitOnClose,
    locale: F.locale,
    fieldMap: F.fieldMap,
    weddingLists: F.weddingLists.unwrap().strict(),
    storePace: F.storePace.unwrap().partial().strict(),
    restLimits: F.restLimits.unwrap().strict(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.input<typeof SettingsPatch>;

const none = z.object({}).strict().optional();
const id = z.object({ id: z.number().int().positive() }).strict();

// ---------------------------------------------------------------------------------------------
// REST daily call budget (issue 15): the Painel's card. Its own block, merged into INPUTS and
// Outputs below with one line each, so other REST work on the contract does not meet it.

const budgetCount = z.number().int().min(0);
const budgetByPriority = z.object({ status: budgetCount, orders: budgetCount, catalog: budgetCount }).strict();

/**
 * Today's calls to the store's REST API against Tray's daily cap (10,000 a day, 50,000 for large
 * stores), split by priority (status and tracking pushes, orders, catalogue), each priority's
 * ceiling, and when the next catalogue pass fits. Validated by the engine before it answers.
 */
export const RestBudgetView = z
  .object({
    /** The store's local day, YYYY-MM-DD. */
    day: isoDate,
    perDay: z.number().int().positive(),
    used: budgetCount,
    remaining: budgetCount,
    byPriority: budgetByPriority,
    /** Calls each priority may reach today: the catalogue stops first, status pushes last. */
    ceilings: budgetByPriority,
    /** The next local midnight, when the count starts again. */
    resetsAt: z.iso.datetime(),
    catalogPass: z
      .object({
        /** Calls the pass is expected to take. */
        calls: budgetCount,
        /** When it fits; null when it is larger than a day's catalogue share. */
        at: z.iso.datetime().nullable(),
        /** now (run by hand), at its scheduled time, after midnight (today's share spent), never. */
        when: z.enum(['now', 'scheduled', 'afterReset', 'never']),
      })
      .strict(),
  })
  .strict();
export type RestBudgetView = z.infer<typeof RestBudgetView>;

const REST_BUDGET_INPUTS = {
  /** Today's REST budget; null when the store is reached over SOAP (the Painel then shows no card). */
  'store.restBudget': none,
} as const;

interface RestBudgetOutputs {
  'store.restBudget': RestBudgetView | null;
}

/**
 * Input schemas per handler. The handler names are the API: both transports dispatch by them.
 */
export const INPUTS = {
  'overview.get': none,
  'jobs.run': z.object({ job: JobName }).strict(),
  'jobs.pause': none,
  'jobs.resume': none,
  'orders.list': OrderQuery,
  'orders.get': id,
  'orders.backfill': z.object({ from: isoDate, to: isoDate }).strict(),
  'orders.setTracking': z.object({ entries: z.array(TrackingEntry).min(1).max(1000) }).strict(),
  'orders.export': z.object({ target: z.enum(['erp', 'csv', 'xlsx']).optional(), scope: ExportScope.optional() }).strict(),
  'orders.exportHistory': none,
  'orders.exportAgain': id,
  'outbox.list': z
    .object({
      states: z.array(z.enum(OUTBOX_STATES)).optional(),
      /** Rows to skip: the queue is paged. */
      offset: z.number().int().min(0).max(100_000).optional(),
      limit: z.number().int().min(1).max(500).default(200),
    })
    .strict(),
  'outbox.retry': id,
  'outbox.discard': id,
  'catalog.report': none,
  'catalog.retry': z.object({ entity: z.enum(CATALOG_ENTITIES).optional(), key: shortText(200).optional() }).strict(),
  'catalog.heldPrices': none,
  'catalog.confirmPrice': z.object({ sku: shortText(200), approve: z.boolean() }).strict(),
  'activity.list': z
    .object({
      level: z.enum(['info', 'warn', 'error']).optional(),
      job: z.enum([...JOB_NAMES, 'app']).optional(),
      text: shortText(200).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'settings.get': none,
  'settings.update': SettingsPatch,
  /** Tests the form as typed (fields left out come from the saved settings); saves nothing. */
  'store.testConnection': StoreTestCandidate,
  'store.lastTest': none,
  'overview.history': none,
  'catalog.refusedRows': none,
  'store.statuses': none,
  /** Writes the blank template to a new file; an existing one only with `overwrite` (and a backup first). */
  'erp.template': z.object({ path: shortText(1000).optional(), overwrite: z.boolean().optional() }).strict(),
  /** Tests the database form as typed (left-out fields and the password come from the saved settings); saves nothing. */
  'erp.testConnection': ErpDatabaseCandidate.optional(),
  /** Runs one entity's query as typed and shows the first rows as Ponte reads them. */
  'erp.preview': z.object({ database: ErpDatabaseCandidate.optional(), entity: z.enum(ERP_READ_KEYS), sql: sqlText.optional() }).strict(),
  /** The starting queries for the generic ERP schema, per server. */
  'erp.startingMapping': z.object({ driver: z.enum(['firebird', 'postgres', 'mysql']) }).strict(),
  /** The blank template as a download: the merchant chooses where it goes. */
  'erp.templateDownload': none,
  ...REST_BUDGET_INPUTS,
  ...REST_ACCESS_INPUTS,
  ...DEMO_INPUTS,
} as const;

export type HandlerName = keyof typeof INPUTS;

/** What each handler answers. */
export interface Outputs extends RestBudgetOutputs, RestAccessOutputs, DemoOutputs {
  'overview.get': Overview;
  'jobs.run': RunSummary;
  'jobs.pause': Overview;
  'jobs.resume': Overview;
  'orders.list': { rows: OrderRow[]; total: number };
  'orders.get': OrderDetail;
  'orders.backfill': RunSummary;
  'orders.setTracking': PushResult[];
  'orders.export': ExportResult;
  'orders.exportHistory': ExportRecord[];
  'orders.exportAgain': ExportResult;
  'outbox.list': OutboxEntry[];
  'outbox.retry': OutboxEntry;
  'outbox.discard': OutboxEntry;
  'catalog.report': CatalogEntityReport[];
  'catalog.retry': RunSummary;
  'catalog.heldPrices': HeldPrice[];
  'catalog.confirmPrice': HeldPrice[];
  'activity.list': ActivityEntry[];
  'settings.get': Settings;
  'settings.update': Settings;
  'store.testConnection': ConnectionTestResult;
  'store.statuses': StoreStatusOption[];
  'erp.template': { path: string; backup: string | null };
  'erp.templateDownload': DownloadTicket;
  'store.lastTest': LastConnectionTest | null;
  'overview.history': OverviewHistory;
  'catalog.refusedRows': RefusedRows;
  'erp.testConnection': ErpConnectionTestResult;
  'erp.preview': ErpPreview;
  'erp.startingMapping': Pick<ErpDatabaseSettings, 'read' | 'write' | 'productsChangeColumn'>;
}

export type Input<N extends HandlerName> = z.input<(typeof INPUTS)[N]>;
export type ParsedInput<N extends HandlerName> = z.output<(typeof INPUTS)[N]>;

/** The engine implements this map; tests call it directly on an empty database. */
export type Handlers = { [N in HandlerName]: (input: ParsedInput<N>) => Promise<Outputs[N]> };

/** Errors cross the transports as data and are rebuilt on the UI side. */
export interface ApiError {
  code: 'invalid_input' | 'not_found' | 'unavailable' | 'rejected' | 'internal';
  message: string;
  details?: unknown;
}
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiError };

/** What the renderer sees, whichever transport is underneath. */
export interface PonteApi {
  call<N extends HandlerName>(name: N, input: Input<N>): Promise<Outputs[N]>;
  subscribe(listener: (event: PonteEvent) => void): () => void;
  /** Hands a prepared file to the merchant (browser download, or the desktop's save dialog). */
  download(ticket: DownloadTicket): Promise<DownloadOutcome>;
}

export class PonteApiError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PonteApiError';
  }
}

export const isHandlerName = (name: string): name is HandlerName => Object.hasOwn(INPUTS, name);
