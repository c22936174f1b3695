import type { ConnectionTestResult } from '../../../../shared/api/contract.ts';
import { t } from '../../i18n/messages.ts';

export const ConnectionTestReport = ({ result }: { result: ConnectionTestResult }) => (
  <div className="connection-report" role="status" aria-label={t('config.test')}>
    <p className={result.ok ? 'ok-text' : 'error-text'}>{result.message}</p>
    {Object.keys(result.features).length > 0 && (
      <>
        <h2 className="subhead">{t('config.capabilities')}</h2>
        <ul className="caps" aria-label={t('config.capabilities')}>
          {Object.entries(result.features).map(([name, f]) => (
            <li key={name} className={f.available ? '' : 'warn-text'}>
              <code>{name}</code>: {f.available ? t('config.available') : t('config.unavailable', { reason: f.reason ?? '' })}
            </li>
          ))}
        </ul>
      </>
    )}
    {result.statuses.length > 0 && (
      <table className="table compact" aria-label={t('config.storeStatuses')}>
        <caption>{t('config.storeStatuses')}</caption>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">{t('col.status')}</th>
            <th scope="col">{t('config.statusType')}</th>
          </tr>
        </thead>
        <tbody>
          {result.statuses.map((s) => (
            <tr key={s.id}>
              <td>{s.id}</td>
              <td>{s.name}</td>
              <td>{s.type}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </div>
);
