import { useId, useState } from 'react';
import { LOCAL_STATUSES, type LocalStatus, type PushResult, type Settings } from '../../../../shared/api/contract.ts';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import { keys, useCallMutation, useSettings } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorText } from '../../components/QueryState.tsx';
import { formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';

/** What the status change needs to know of each order it applies to. */
export interface StatusTarget {
  id: number;
  number: string;
  statusId: number;
  trackingCode: string | null;
}

/** Statuses the merchant mapped AND chose to push: the only ones a change can send. */
export const pushableStatuses = (settings: Settings | undefined): Settings['statusMapping'] =>
  (settings?.statusMapping ?? []).filter((m) => m.storeStatusId !== null && m.push);

export interface StatusPlan {
  /** Orders whose change goes to the store (one e-mail each). */
  send: StatusTarget[];
  /** Orders already showing that status in the store: nothing to send, no e-mail. */
  same: StatusTarget[];
  /** Orders refused before asking the engine (ENVIADO without a tracking code). */
  refused: Array<{ order: StatusTarget; reason: string }>;
}

/**
 * The gates, said before anything is sent: ENVIADO needs a tracking code (the shopper's e-mail
 * should carry it), and an order already in that status is not sent again (no second e-mail).
 */
export const planStatusChange = (orders: StatusTarget[], status: LocalStatus, settings: Settings | undefined): StatusPlan => {
  const storeStatusId = pushableStatuses(settings).find((m) => m.local === status)?.storeStatusId ?? null;
  const plan: StatusPlan = { send: [], same: [], refused: [] };
  for (const order of orders) {
    if (status === 'enviado' && !order.trackingCode) plan.refused.push({ order, reason: t('statusChange.needsTracking') });
    else if (order.statusId === storeStatusId) plan.same.push(order);
    else plan.send.push(order);
  }
  return plan;
};

/** The engine's answer per order, in words: queued, nothing to send, or why not. */
const answerText = (answer: PushResult): string =>
  !answer.ok ? (answer.error ?? '') : answer.outboxIds.length > 0 ? t('statusChange.queued') : t('statusChange.nothingToSend');

/**
 * Sets a status without a tracking code (Em separação, Pago, Cancelado…) on one order or many,
 * asking first and saying how many shoppers get an e-mail.
 */
export const StatusChange = ({ orders, onDone }: { orders: StatusTarget[]; onDone?: (results: PushResult[]) => void }) => {
  const id = useId();
  const settings = useSettings();
  const options = pushableStatuses(settings.data);
  const [status, setStatus] = useState<LocalStatus | ''>('');
  const [asking, setAsking] = useState(false);
  const [results, setResults] = useState<PushResult[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const mutation = useCallMutation('orders.setTracking', [keys.orders, ['orders.get'], keys.outbox, keys.overview]);
  const plan = status ? planStatusChange(orders, status, settings.data) : null;
  const statusLabel = status ? t(`status.${status}`) : '';

  const send = async () => {
    if (!plan || !status) return;
    setFailure(null);
    try {
      const answers = plan.send.length > 0 ? await mutation.mutateAsync({ entries: plan.send.map((o) => ({ orderId: o.id, status })) }) : [];
      setResults(answers);
      onDone?.(answers);
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setAsking(false);
    }
  };

  if (settings.data && options.length === 0) return <p className="hint">{t('statusChange.noneMapped')}</p>;
  const numberOf = (orderId: number) => orders.find((o) => o.id === orderId)?.number ?? String(orderId);
  const sent = results?.filter((r) => r.ok && r.outboxIds.length > 0).length ?? 0;

  return (
    <div className="status-change">
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('statusChange.label')}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => {
              setStatus(LOCAL_STATUSES.find((s) => s === e.target.value) ?? '');
              setResults(null);
            }}
          >
            <option value="">{t('statusChange.choose')}</option>
            {options.map((m) => (
              <option key={m.local} value={m.local}>
                {t(`status.${m.local}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {plan && (
        <div className="status-plan">
          <p className={plan.send.length > 0 ? 'hint warn-text' : 'hint'} id={`${id}-plan`}>
            {plan.send.length > 0
              ? t(pluralKey('statusChange.emails', plan.send.length), { count: formatNumber(plan.send.length) })
              : t('statusChange.nothing')}
          </p>
          {(plan.same.length > 0 || plan.refused.length > 0) && (
            <ul className="problems plain">
              {plan.same.map((o) => (
                <li key={`s${o.id}`} className="muted">
                  {t('statusChange.sameLine', { number: o.number, status: statusLabel })}
                </li>
              ))}
              {plan.refused.map(({ order, reason }) => (
                <li key={`r${order.id}`} className="error-text">
                  {t('statusChange.refusedLine', { number: order.number, reason })}
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={plan.send.length === 0 || mutation.isPending || results !== null}
              aria-describedby={`${id}-plan`}
              onClick={() => setAsking(true)}
            >
              {t(pluralKey('statusChange.apply', plan.send.length), { count: formatNumber(plan.send.length), status: statusLabel })}
            </button>
          </div>
        </div>
      )}
      {failure && (
        <p role="alert" className="error-text">
          {failure}
        </p>
      )}
      {results && (
        <div role="status" className="status-results">
          <p className={sent > 0 ? 'ok-text' : 'muted'}>{t(pluralKey('statusChange.done', sent), { count: formatNumber(sent) })}</p>
          {results.some((r) => !r.ok || r.outboxIds.length === 0) && (
            <ul className="plain">
              {results
                .filter((r) => !r.ok || r.outboxIds.length === 0)
                .map((r) => (
                  <li key={r.orderId} className={r.ok ? 'muted' : 'error-text'}>
                    {t('statusChange.answerLine', { number: numberOf(r.orderId), text: answerText(r) })}
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
      {asking && plan && (
        <ConfirmDialog
          title={t(pluralKey('statusChange.confirmTitle', plan.send.length), { count: formatNumber(plan.send.length), status: statusLabel })}
          body={t(pluralKey('statusChange.confirmBody', plan.send.length), { count: formatNumber(plan.send.length), status: statusLabel })}
          confirmLabel={t('statusChange.confirm')}
          busy={mutation.isPending}
          onConfirm={() => void send()}
          onCancel={() => setAsking(false)}
        />
      )}
    </div>
  );
};
