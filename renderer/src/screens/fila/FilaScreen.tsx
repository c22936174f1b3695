import { useCallback, useId, useState } from 'react';
import type { OutboxEntry, OutboxState } from '../../../../shared/api/contract.ts';
import { keys, useCall, useCallMutation } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { PushWay } from '../../components/PushWay.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';

const VIEWS = {
  waiting: ['pending', 'sending', 'outcome_unknown', 'failed'],
  failed: ['failed'],
  all: undefined,
} satisfies Record<string, OutboxState[] | undefined>;
type View = keyof typeof VIEWS;
const VIEW_LABEL: Record<View, 'fila.waiting' | 'fila.failedOnly' | 'fila.everything'> = {
  waiting: 'fila.waiting',
  failed: 'fila.failedOnly',
  all: 'fila.everything',
};

type Pending = { action: 'retry' | 'discard'; entry: OutboxEntry };

/** What a retry or a discard does to the shopper, in words the merchant can act on. */
export const confirmationText = ({ action, entry }: Pending): { title: string; body: string; confirm: string } =>
  action === 'retry'
    ? {
        title: t('fila.confirmRetryTitle'),
        body: entry.emailsShopper
          ? t('fila.confirmRetryEmail', { summary: entry.summary })
          : t('fila.confirmRetryNoEmail', { summary: entry.summary }),
        confirm: t('fila.confirmRetry'),
      }
    : {
        title: t('fila.confirmDiscardTitle'),
        body: entry.emailsShopper
          ? t('fila.confirmDiscardEmail', { summary: entry.summary })
          : t('fila.confirmDiscardNoEmail', { summary: entry.summary }),
        confirm: t('fila.confirmDiscard'),
      };

const PAGE = 50;

export const FilaScreen = () => {
  const id = useId();
  const [view, setView] = useState<View>('waiting');
  const [page, setPage] = useState(0);
  const states = VIEWS[view];
  // One row more than the page tells whether a next page exists.
  const list = useCall('outbox.list', { ...(states && { states }), offset: page * PAGE, limit: PAGE + 1 });
  const retry = useCallMutation('outbox.retry', [keys.outbox, keys.orders, ['orders.get'], keys.overview]);
  const discard = useCallMutation('outbox.discard', [keys.outbox, keys.orders, ['orders.get'], keys.overview]);
  const [pending, setPending] = useState<Pending | null>(null);
  const cancel = useCallback(() => setPending(null), []);
  const confirm = async () => {
    if (!pending) return;
    const mutation = pending.action === 'retry' ? retry : discard;
    await mutation.mutateAsync({ id: pending.entry.id }).catch(() => undefined);
    setPending(null);
  };
  const error = retry.error ?? discard.error;
  const rows = (list.data ?? []).slice(0, PAGE);
  const hasNext = (list.data ?? []).length > PAGE;
  const text = pending ? confirmationText(pending) : null;
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{t('fila.title')}</h1>
        <div className="actions">
          <label htmlFor={`${id}-view`}>{t('fila.filter')}</label>
          <select
            id={`${id}-view`}
            value={view}
            onChange={(e) => {
              setView(e.target.value as View);
              setPage(0);
            }}
          >
            {(Object.keys(VIEWS) as View[]).map((v) => (
              <option key={v} value={v}>
                {t(VIEW_LABEL[v])}
              </option>
            ))}
          </select>
        </div>
      </header>
      {error && <p role="alert" className="error-text">{error.message}</p>}
      <QueryState isLoading={list.isLoading} error={list.error}>
        <section className="card">
          {rows.length === 0 ? (
            <p className="muted">{t('fila.empty')}</p>
          ) : (
            <table className="table" aria-label={t('fila.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('fila.order')}</th>
                  <th scope="col">{t('fila.what')}</th>
                  <th scope="col">{t('fila.state')}</th>
                  <th scope="col" className="num">{t('fila.attempts')}</th>
                  <th scope="col">{t('fila.cause')}</th>
                  <th scope="col">{t('fila.next')}</th>
                  <th scope="col">{t('fila.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => {
                  const open = entry.state === 'pending' || entry.state === 'failed' || entry.state === 'outcome_unknown';
                  return (
                    <tr key={entry.id} data-outbox-id={entry.id}>
                      <td className="nowrap">
                        {entry.orderId ? (
                          <a href={`#/pedidos/${entry.orderId}`} aria-label={t('fila.orderLink', { number: entry.orderNumber ?? String(entry.orderId) })}>
                            {entry.orderNumber ?? entry.orderId}
                          </a>
                        ) : (
                          <span className="muted">{t('common.none')}</span>
                        )}
                      </td>
                      <td>
                        {entry.summary}
                        {entry.emailsShopper && <span className="hint block">{t('fila.emails')}</span>}
                      </td>
                      <td><PushWay entry={{ ...entry, lastError: null }} /></td>
                      <td className="num">{formatNumber(entry.attempts)}</td>
                      <td className={entry.lastError ? 'error-text' : 'muted'}>{entry.lastError ?? t('common.none')}</td>
                      <td>{entry.nextAttemptAt ? formatDateTime(entry.nextAttemptAt) : t('common.none')}</td>
                      <td>
                        <div className="actions inline">
                          <button
                            type="button"
                            className="small"
                            disabled={!open}
                            aria-label={t('fila.retryLabel', { summary: entry.summary })}
                            onClick={() => setPending({ action: 'retry', entry })}
                          >
                            {t('fila.retry')}
                          </button>
                          <button
                            type="button"
                            className="small"
                            disabled={!open}
                            aria-label={t('fila.discardLabel', { summary: entry.summary })}
                            onClick={() => setPending({ action: 'discard', entry })}
                          >
                            {t('fila.discard')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {(page > 0 || hasNext) && (
            <nav className="actions pager" aria-label={t('fila.paging')}>
              <button type="button" className="small" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                {t('fila.prev')}
              </button>
              <span>{t('fila.page', { page: page + 1 })}</span>
              <button type="button" className="small" disabled={!hasNext} onClick={() => setPage((p) => p + 1)}>
                {t('fila.nextPage')}
              </button>
            </nav>
          )}
        </section>
      </QueryState>
      {pending && text && (
        <ConfirmDialog
          title={text.title}
          body={text.body}
          confirmLabel={text.confirm}
          danger={pending.action === 'discard'}
          busy={retry.isPending || discard.isPending}
          onConfirm={() => void confirm()}
          onCancel={cancel}
        />
      )}
    </div>
  );
};
