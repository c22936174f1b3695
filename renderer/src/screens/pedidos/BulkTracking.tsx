import { useId, useState } from 'react';
import type { LocalStatus, PonteApi, PushResult, TrackingEntry } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { keys, useCallMutation, useSettings } from '../../api/queries.ts';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import { useEscape } from '../../components/escape.ts';
import { errorText } from '../../components/QueryState.tsx';
import { t } from '../../i18n/messages.ts';
import { defaultStatus, StatusToSet } from './statusChoice.tsx';
import { parseBulk, todayIso, type BulkLine, type BulkParse } from './tracking.ts';

interface Checked {
  parse: BulkParse;
  /** order number → Tray id, for the lines whose order exists. */
  ids: Map<string, number>;
  missing: BulkLine[];
}

/** Finds each pasted order number among the orders (exact match on the number or the id). */
const resolveOrders = async (api: PonteApi, numbers: string[]): Promise<Map<string, number>> => {
  const ids = new Map<string, number>();
  const queue = [...numbers];
  const worker = async () => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
      const { rows } = await api.call('orders.list', { text: n, limit: 20 });
      const hit = rows.find((r) => r.number === n) ?? rows.find((r) => String(r.id) === n);
      if (hit) ids.set(n, hit.id);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return ids;
};

const CHUNK = 1000;

export const BulkTracking = ({ onClose }: { onClose: () => void }) => {
  const id = useId();
  const api = useApi();
  const settings = useSettings();
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [results, setResults] = useState<PushResult[] | null>(null);
  const [status, setStatus] = useState<LocalStatus | '' | null>(null);
  const chosenStatus = status ?? defaultStatus(settings.data);
  const mutation = useCallMutation('orders.setTracking', [keys.orders, ['orders.get'], keys.outbox, keys.overview]);
  useEscape(onClose);

  const check = async () => {
    setBusy(true);
    setFailure(null);
    setResults(null);
    try {
      const parse = parseBulk(text);
      const usable = parse.lines.filter((l) => l.verdict.level !== 'error');
      const ids = await resolveOrders(api, usable.map((l) => l.order));
      setChecked({ parse, ids, missing: usable.filter((l) => !ids.has(l.order)) });
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const ready = checked ? checked.parse.lines.filter((l) => l.verdict.level !== 'error' && checked.ids.has(l.order)) : [];

  const send = async () => {
    if (!checked) return;
    setBusy(true);
    setFailure(null);
    try {
      const entries: TrackingEntry[] = ready.map((l) => ({
        orderId: checked.ids.get(l.order) ?? 0,
        trackingCode: l.verdict.code,
        shippedAt: todayIso(),
        ...(chosenStatus ? { status: chosenStatus } : {}),
      }));
      const answers: PushResult[] = [];
      for (let i = 0; i < entries.length; i += CHUNK) answers.push(...(await mutation.mutateAsync({ entries: entries.slice(i, i + CHUNK) })));
      setResults(answers);
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const counts = checked
    ? {
        ok: checked.parse.lines.filter((l) => l.verdict.level === 'ok' && checked.ids.has(l.order)).length,
        warn: checked.parse.lines.filter((l) => l.verdict.level === 'warn' && checked.ids.has(l.order)).length,
        bad: checked.parse.problems.length + checked.missing.length,
      }
    : null;
  const resultFor = (orderId: number | undefined) => results?.find((r) => r.orderId === orderId);

  return (
    <section className="bulk card" aria-labelledby={`${id}-title`}>
      <header className="card-head">
        <h2 id={`${id}-title`}>{t('bulk.title')}</h2>
        <button type="button" onClick={onClose}>{t('common.close')}</button>
      </header>
      <p className="hint">{t('bulk.help')}</p>
      <label htmlFor={`${id}-text`}>{t('bulk.input')}</label>
      <textarea
        id={`${id}-text`}
        rows={6}
        spellCheck={false}
        value={text}
        placeholder={'1001;PN123456785BR\n1002;JD0123456789'}
        onChange={(e) => {
          setText(e.target.value);
          setChecked(null);
          setResults(null);
        }}
      />
      <div className="actions">
        <button type="button" onClick={() => void check()} disabled={busy || text.trim() === ''}>
          {t('bulk.check')}
        </button>
      </div>
      {failure && <p role="alert" className="error-text">{failure}</p>}
      {checked && counts && (
        <div className="bulk-results">
          <p role="status">{t('bulk.summary', counts)}</p>
          {checked.parse.skipped.length > 0 && (
            <ul className="plain">
              {checked.parse.skipped.map((p) => (
                <li key={`h${p.line}`} className="muted">{p.message}</li>
              ))}
            </ul>
          )}
          {(checked.parse.problems.length > 0 || checked.missing.length > 0) && (
            <ul className="problems" aria-label={t('bulk.results')}>
              {checked.parse.problems.map((p) => (
                <li key={`p${p.line}`} className="error-text">{p.message}</li>
              ))}
              {checked.missing.map((l) => (
                <li key={`m${l.line}`} className="error-text">
                  {t('bulk.lineError', { line: l.line, message: t('bulk.notFound', { order: l.order }) })}
                </li>
              ))}
            </ul>
          )}
          {ready.length > 0 && (
            <>
              <table className="table compact">
                <caption>{t('bulk.results')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('bulk.line')}</th>
                    <th scope="col">{t('bulk.order')}</th>
                    <th scope="col">{t('bulk.code')}</th>
                    <th scope="col">{t('bulk.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ready.map((l) => {
                    const answer = resultFor(checked.ids.get(l.order));
                    return (
                      <tr key={l.line}>
                        <td>{l.line}</td>
                        <td>{l.order}</td>
                        <td><code>{l.verdict.code}</code></td>
                        <td className={answer ? (answer.ok ? 'ok-text' : 'error-text') : l.verdict.level === 'warn' ? 'warn-text' : ''}>
                          {answer
                            ? answer.ok
                              ? t('push.pending')
                              : answer.error
                            : l.verdict.level === 'warn'
                              ? l.verdict.message
                              : t('bulk.ok')}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <StatusToSet id={`${id}-status`} settings={settings.data} value={chosenStatus} onChange={setStatus} />
              <div className="actions">
                <button type="button" className="primary" onClick={() => void send()} disabled={busy || results !== null}>
                  {t(pluralKey('bulk.send', ready.length), { count: ready.length })}
                </button>
              </div>
            </>
          )}
          {results && (
            <p role="status" className="ok-text">
              {t('bulk.sent', { ok: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length })}
            </p>
          )}
        </div>
      )}
    </section>
  );
};
