import type { StoreOrderRecord } from '../../../../shared/api/store-fields.ts';
import { storeRecordWithoutSecrets } from '../../../../shared/api/store-fields.ts';
import { t } from '../../i18n/messages.ts';

/**
 * What the store sent for the order, beyond what Ponte maps: its extra fields (a store's own data,
 * e.g. a gift flag, the merchant wants to see) and, folded away for support, the raw answer. Secret-
 * named values are masked here too: orders kept before the engine masked them may still hold one.
 */
export const StoreRecord = ({ record }: { record: StoreOrderRecord | undefined }) => {
  if (!record) return <p className="muted">{t('detail.storeRecordMissing')}</p>;
  const safe = storeRecordWithoutSecrets(record);
  // Named in pt-BR like the extras' "where" (pedido, item 1…): support reads it as the store's answer.
  const answer = { pedido: safe.order, itens: safe.items, cliente: safe.customer, parcelas: safe.installments };
  return (
    <>
      {safe.extras.length === 0 ? (
        <p className="muted">{t('detail.storeExtrasNone')}</p>
      ) : (
        <table className="table compact store-extras">
          <caption className="muted">{t('detail.storeExtrasHint')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('detail.extraWhere')}</th>
              <th scope="col">{t('detail.extraField')}</th>
              <th scope="col">{t('detail.extraValue')}</th>
            </tr>
          </thead>
          <tbody>
            {safe.extras.map((e) => (
              <tr key={`${e.where}/${e.field}`}>
                <td>{e.where}</td>
                <td><code>{e.field}</code></td>
                <td>{e.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details className="store-answer">
        <summary>{t('detail.storeAnswer')}</summary>
        <p className="muted">{t('detail.storeAnswerHint')}</p>
        {/* It scrolls on its own: focusable, so a keyboard can scroll it too (axe: scrollable-region-focusable). */}
        <pre tabIndex={0} role="region" aria-label={t('detail.storeAnswerRaw')}>{JSON.stringify(answer, null, 2)}</pre>
      </details>
    </>
  );
};
