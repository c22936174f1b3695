import type { ConnectionTestResult, FeatureState, StoreStatusOption } from '../../../../shared/api/contract.ts';
import { t, type MessageKey } from '../../i18n/messages.ts';

const FEATURE_KEYS = ['orders', 'orderStatus', 'tracking', 'products', 'stock', 'categories', 'brands', 'characteristics', 'customers', 'weddingLists', 'payments'] as const;
type FeatureKey = (typeof FEATURE_KEYS)[number];
const isFeature = (k: string): k is FeatureKey => (FEATURE_KEYS as readonly string[]).includes(k);

/** The engine's feature names are code; the merchant reads what the feature does (never the SOAP operation). */
export const featureLabel = (key: string): string => (isFeature(key) ? t(`feature.${key}` as MessageKey) : t('feature.other'));

/**
 * SOAP's reasons name the WebService operation missing, so the merchant reads the one sentence that
 * applies to all; REST's are the engine's own pt-BR sentences (wedding lists, the catalogue not yet
 * on REST) and are shown as they are.
 */
export const FeatureList = ({ features, reasons = false }: { features: Record<string, FeatureState>; reasons?: boolean }) => (
  <ul className="caps" aria-label={t('config.capabilities')}>
    {Object.entries(features).map(([name, f]) => (
      <li key={name} className={f.available ? '' : 'warn-text'}>
        {featureLabel(name)}: {f.available ? t('config.available') : reasons && f.reason ? t('config.unavailable', { reason: f.reason }) : t('feature.unavailable')}
      </li>
    ))}
  </ul>
);

export const StoreStatusTable = ({ statuses }: { statuses: StoreStatusOption[] }) => (
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
      {statuses.map((s) => (
        <tr key={s.id}>
          <td>{s.id}</td>
          <td>{s.name}</td>
          <td>{s.type}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const ConnectionTestReport = ({ result, reasons = false }: { result: ConnectionTestResult; reasons?: boolean }) => (
  <div className="connection-report" role="status" aria-label={t('config.test')}>
    <p className={result.ok ? 'ok-text' : 'error-text'}>{result.message}</p>
    {result.ok && Object.keys(result.features).length > 0 && (
      <>
        <h3>{t('config.capabilities')}</h3>
        <FeatureList features={result.features} reasons={reasons} />
      </>
    )}
  </div>
);
