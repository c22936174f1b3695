/** The ERP rows the last catalogue read refused: where, which record, which field, why. */
import { useCall } from '../../api/queries.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';

export const RefusedRows = () => {
  const refused = useCall('catalog.refusedRows', undefined);
  const data = refused.data;
  return (
    <section className="card" aria-labelledby="refused-title">
      <h2 id="refused-title">
        {t('catalogo.refused')}
        {data && data.total > 0 && <span className="badge badge-warn"> {formatNumber(data.total)}</span>}
      </h2>
      <QueryState isLoading={refused.isLoading} error={refused.error}>
        {data && data.total === 0 && <p className="muted">{t('catalogo.refusedNone')}</p>}
        {data && data.total > 0 && (
          <>
            <p className="hint">
              {t('catalogo.refusedHelp')} {data.at && t('catalogo.refusedAt', { when: formatDateTime(data.at) })}
            </p>
            {data.rows.length < data.total && (
              <p className="hint">{t('catalogo.refusedMore', { shown: formatNumber(data.rows.length), total: formatNumber(data.total) })}</p>
            )}
            <table className="table compact" aria-labelledby="refused-title">
              <thead>
                <tr>
                  <th scope="col">{t('catalogo.place')}</th>
                  <th scope="col" className="num">{t('catalogo.row')}</th>
                  <th scope="col">{t('catalogo.record')}</th>
                  <th scope="col">{t('catalogo.field')}</th>
                  <th scope="col">{t('catalogo.why')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r, i) => (
                  <tr key={`${r.place}:${r.row ?? 'x'}:${r.field ?? ''}:${i}`}>
                    <td>{r.place}</td>
                    <td className="num">{r.row === null ? t('common.none') : formatNumber(r.row)}</td>
                    <td>{r.record ? <code>{r.record}</code> : t('common.none')}</td>
                    <td>{r.field ?? t('common.none')}</td>
                    <td className="warn-text">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryState>
    </section>
  );
};
