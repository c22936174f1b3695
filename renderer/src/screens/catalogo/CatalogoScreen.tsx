import type { CatalogEntityReport, HeldPrice } from '../../../../shared/api/contract.ts';
import { formatPercent } from '../../../../shared/i18n/index.ts';
import { keys, useCall, useCallMutation } from '../../api/queries.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';
import { RefusedRows } from './RefusedRows.tsx';

const Failures = ({ report }: { report: CatalogEntityReport }) => {
  const retry = useCallMutation('catalog.retry', [keys.catalog, keys.overview, keys.activity]);
  if (report.failures.length === 0) return null;
  return (
    <table className="table compact">
      <caption>
        {t('catalogo.failures')}: {t(`entity.${report.entity}`)}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('catalogo.record')}</th>
          <th scope="col">{t('catalogo.why')}</th>
          <th scope="col"><span className="visually-hidden">{t('fila.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {report.failures.map((f) => (
          <tr key={f.key}>
            <td><code>{f.key}</code></td>
            <td className="error-text">{f.message}</td>
            <td>
              <button
                type="button"
                className="small"
                aria-label={t('catalogo.retryOneLabel', { key: f.key })}
                onClick={() => retry.mutate({ entity: report.entity, key: f.key })}
                disabled={retry.isPending}
              >
                {t('catalogo.retryOne')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const HeldPrices = ({ prices }: { prices: HeldPrice[] }) => {
  const confirm = useCallMutation('catalog.confirmPrice', [keys.heldPrices, keys.overview]);
  return (
    <section className="card" aria-labelledby="held-title">
      <h2 id="held-title">{t('catalogo.held')}</h2>
      <p className="hint">{t('catalogo.heldHelp')}</p>
      {prices.length === 0 ? (
        <p className="muted">{t('catalogo.noHeld')}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">{t('detail.product')}</th>
              <th scope="col" className="num">{t('catalogo.current')}</th>
              <th scope="col" className="num">{t('catalogo.new')}</th>
              <th scope="col" className="num">{t('catalogo.drop')}</th>
              <th scope="col"><span className="visually-hidden">{t('fila.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {prices.map((p) => (
              <tr key={p.sku}>
                <td><code>{p.sku}</code></td>
                <td>{p.name}</td>
                <td className="num">{formatMoney(p.currentPrice)}</td>
                <td className="num">{formatMoney(p.newPrice)}</td>
                <td className="num warn-text">−{formatPercent(p.dropPercent / 100)}</td>
                <td>
                  <div className="actions inline">
                    <button type="button" className="small" aria-label={t('catalogo.approveLabel', { sku: p.sku })} onClick={() => confirm.mutate({ sku: p.sku, approve: true })}>
                      {t('catalogo.approve')}
                    </button>
                    <button type="button" className="small" aria-label={t('catalogo.rejectLabel', { sku: p.sku })} onClick={() => confirm.mutate({ sku: p.sku, approve: false })}>
                      {t('catalogo.reject')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirm.error && <p role="alert" className="error-text">{confirm.error.message}</p>}
    </section>
  );
};

export const CatalogoScreen = () => {
  const report = useCall('catalog.report', undefined);
  const held = useCall('catalog.heldPrices', undefined);
  const retryAll = useCallMutation('catalog.retry', [keys.catalog, keys.overview, keys.activity, keys.refusedRows]);
  const totalFailed = (report.data ?? []).reduce((n, r) => n + r.failures.length, 0);
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{t('catalogo.title')}</h1>
        <button type="button" onClick={() => retryAll.mutate({})} disabled={retryAll.isPending || totalFailed === 0}>
          {t('catalogo.retryAll')}
        </button>
      </header>
      {retryAll.isSuccess && <p role="status" className="ok-text">{t('catalogo.retried')}</p>}
      {retryAll.error && <p role="alert" className="error-text">{retryAll.error.message}</p>}
      <QueryState isLoading={report.isLoading} error={report.error}>
        <section className="card">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('catalogo.entity')}</th>
                <th scope="col">{t('catalogo.lastPush')}</th>
                <th scope="col" className="num">{t('catalogo.created')}</th>
                <th scope="col" className="num">{t('catalogo.updated')}</th>
                <th scope="col" className="num">{t('catalogo.unchanged')}</th>
                <th scope="col" className="num">{t('catalogo.failed')}</th>
              </tr>
            </thead>
            <tbody>
              {(report.data ?? []).map((r) => (
                <tr key={r.entity}>
                  <th scope="row">{t(`entity.${r.entity}`)}</th>
                  {r.unavailable ? (
                    <td className="warn-text">{t('catalogo.unavailable', { reason: r.unavailable })}</td>
                  ) : (
                    <td>{r.lastPushAt ? formatDateTime(r.lastPushAt) : t('common.never')}</td>
                  )}
                  <td className="num">{formatNumber(r.counts.created)}</td>
                  <td className="num">{formatNumber(r.counts.updated)}</td>
                  <td className="num">{formatNumber(r.counts.unchanged)}</td>
                  <td className={`num${r.counts.failed > 0 ? ' error-text' : ''}`}>{formatNumber(r.counts.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <RefusedRows />
        <section className="card" aria-labelledby="failures-title">
          <h2 id="failures-title">{t('catalogo.failures')}</h2>
          {totalFailed === 0 ? <p className="muted">{t('catalogo.noFailures')}</p> : (report.data ?? []).map((r) => <Failures key={r.entity} report={r} />)}
        </section>
      </QueryState>
      <QueryState isLoading={held.isLoading} error={held.error}>
        <HeldPrices prices={held.data ?? []} />
      </QueryState>
    </div>
  );
};
