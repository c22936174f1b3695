import { JOB_NAMES, type JobStatus, type Overview } from '../../../../shared/api/contract.ts';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import { keys, useCall, useCallMutation, useOverview } from '../../api/queries.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';
import { JobHealth, OrdersPerDay } from './Charts.tsx';
import { runOutcome } from './outcome.ts';
import { RestBudgetCard } from './RestBudgetCard.tsx';

const COUNT_KEYS = ['created', 'updated', 'unchanged', 'failed', 'values', 'erpProblems', 'stockPushed', 'done', 'already', 'retry', 'unknown', 'fromErp', 'exported'] as const;
type CountKey = (typeof COUNT_KEYS)[number];
const isCountKey = (k: string): k is CountKey => (COUNT_KEYS as readonly string[]).includes(k);
/** Counts in the order a merchant reads them; a key the window has no label for is not shown (never raw English). */
const countEntries = (counts: Record<string, number>): Array<[CountKey, number]> =>
  // Zeros say nothing the result does not: only what happened is listed.
  COUNT_KEYS.filter((k) => (counts[k] ?? 0) > 0).map((k) => [k, counts[k] ?? 0] as [CountKey, number]).filter(([k]) => isCountKey(k));

const JobCard = ({ job }: { job: JobStatus }) => {
  const run = useCallMutation('jobs.run', [keys.overview, keys.activity]);
  const name = t(`job.${job.job}`);
  const last = job.lastRun;
  return (
    <section className="card job-card" aria-label={name} data-job={job.job}>
      <header className="card-head">
        <h2>{name}</h2>
        <span className={`chip chip-job-${job.state}`}>{t(`jobState.${job.state}`)}</span>
      </header>
      {job.reason && <p className="hint">{job.reason}</p>}
      {job.progress && (
        <div className="progress-line">
          <progress max={job.progress.total || 1} value={job.progress.done} aria-label={t('painel.progress', { job: name })} />
          <span className="muted">
            {formatNumber(job.progress.done)} / {formatNumber(job.progress.total)}
          </span>
        </div>
      )}
      <dl className="kv">
        <dt>{t('painel.lastRun')}</dt>
        <dd>{last ? formatDateTime(last.startedAt) : t('common.never')}</dd>
        <dt>{t('painel.result')}</dt>
        <dd>{last ? <span className={`chip chip-result-${runOutcome(last)}`}>{t(`result.${runOutcome(last)}`)}</span> : t('common.none')}</dd>
        <dt>{t('painel.errors')}</dt>
        <dd className={last && last.errorCount > 0 ? 'error-text' : ''}>{last ? formatNumber(last.errorCount) : t('common.none')}</dd>
        <dt>{t('painel.nextRun')}</dt>
        <dd>{job.nextRunAt ? formatDateTime(job.nextRunAt) : t('common.none')}</dd>
      </dl>
      {last && countEntries(last.counts).length > 0 && (
        <ul className="count-list" aria-label={t('painel.counts')}>
          {countEntries(last.counts).map(([k, v]) => (
            <li key={k} className={v > 0 && (k === 'failed' || k === 'erpProblems') ? (k === 'failed' ? 'count-bad' : 'count-warn') : undefined}>
              <span className="count-value">{formatNumber(v)}</span>
              <span className="count-label">
                {k === 'erpProblems' ? t(pluralKey('count.erpProblems', v)) : t(`count.${k}`)}
                {k === 'erpProblems' && v > 0 && (
                  <>
                    {' '}(<a href="#/catalogo">{t('count.refusedHint')}</a>)
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {/* A clean run's message repeats the counts above; a failed one says why. */}
      {/* …unless the card says it already (a run waiting to retry gives the same reason). */}
      {last?.message && (last.result === 'failed' || last.result === 'partial') && last.message !== job.reason && <p className="hint">{last.message}</p>}
      <div className="actions">
        <button
          type="button"
          onClick={() => run.mutate({ job: job.job })}
          disabled={run.isPending || job.state === 'running' || job.state === 'disabled'}
          aria-label={t('painel.runJobLabel', { job: name })}
        >
          {t('painel.runJob')}
        </button>
      </div>
      {run.error && <p role="alert" className="error-text">{run.error.message}</p>}
    </section>
  );
};

const Connections = ({ overview }: { overview: Overview }) => (
  <section className="card" aria-label={t('painel.connections')}>
    <h2>{t('painel.connections')}</h2>
    <dl className="kv">
      <dt>{t('painel.store')}</dt>
      <dd>
        <span className={`chip chip-conn-${overview.store.state}`}>{t(`conn.${overview.store.state}`)}</span>{' '}
        {overview.store.url} {overview.store.storeId && `(${t('painel.storeCode', { id: overview.store.storeId })})`}
        {overview.store.checkedAt && <span className="hint block">{t('painel.checkedAt', { when: formatDateTime(overview.store.checkedAt) })}</span>}
        {overview.store.message && <span className="hint block error-text">{overview.store.message}</span>}
      </dd>
      <dt>{t('painel.erp')}</dt>
      <dd>
        <span className={`chip chip-conn-${overview.erp.state}`}>{t(`conn.${overview.erp.state}`)}</span>{' '}
        {t(`erp.${overview.erp.kind}`)} {overview.erp.path}
        {overview.erp.message && <span className="hint block error-text">{overview.erp.message}</span>}
      </dd>
    </dl>
  </section>
);

const Counters = ({ overview }: { overview: Overview }) => {
  const c = overview.counts;
  const items: Array<[string, number, string]> = [
    [t('painel.orders'), c.orders, '#/pedidos'],
    [t('painel.notExported'), c.notExported, '#/pedidos?filtro=notExported'],
    [t('painel.noTracking'), c.noTracking, '#/pedidos?filtro=noTracking'],
    [t('painel.outboxPending'), c.outboxPending, '#/envios'],
    [t('painel.outboxFailed'), c.outboxFailed, '#/envios'],
    [t('painel.heldPrices'), c.heldPrices, '#/catalogo'],
    [t('painel.refusedRows'), c.refusedRows, '#/catalogo'],
  ];
  return (
    <ul className="counters">
      {items.map(([label, value, href]) => (
        <li key={label} className={label === t('painel.refusedRows') && value > 0 ? 'counter-warn' : undefined}>
          <a href={href}>
            <span className="counter-value">{formatNumber(value)}</span>
            <span className="counter-label">{label}</span>
          </a>
        </li>
      ))}
    </ul>
  );
};

export const PainelScreen = () => {
  const overview = useOverview();
  const run = useCallMutation('jobs.run', [keys.overview]);
  const pause = useCallMutation('jobs.pause', [keys.overview]);
  const resume = useCallMutation('jobs.resume', [keys.overview]);
  const syncAll = async () => {
    for (const job of JOB_NAMES.filter((j) => j !== 'export')) await run.mutateAsync({ job }).catch(() => undefined);
  };
  const data = overview.data;
  const history = useCall('overview.history', undefined);
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{t('painel.title')}</h1>
        <div className="actions">
          {data?.paused ? (
            <button type="button" onClick={() => resume.mutate(undefined)}>{t('painel.resume')}</button>
          ) : (
            <button type="button" onClick={() => pause.mutate(undefined)}>{t('painel.pause')}</button>
          )}
          <button type="button" className="primary" onClick={() => void syncAll()} disabled={run.isPending}>
            {t('painel.syncNow')}
          </button>
        </div>
      </header>
      <QueryState isLoading={overview.isLoading} error={overview.error}>
        {data && (
          <>
            <Counters overview={data} />
            {history.data && (
              <div className="grid-charts">
                <OrdersPerDay days={history.data.ordersPerDay} />
                <JobHealth runs={history.data.runs} size={20} />
              </div>
            )}
            <div className="grid-cards">
              {data.jobs.map((job) => (
                <JobCard key={job.job} job={job} />
              ))}
              <Connections overview={data} />
              <RestBudgetCard />
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
};
