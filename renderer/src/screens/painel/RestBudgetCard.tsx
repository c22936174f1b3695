import { Fragment } from 'react';
import type { RestBudgetView } from '../../../../shared/api/contract.ts';
import { useCall } from '../../api/queries.ts';
import { formatDate, formatNumber, formatTime } from '../../format.ts';
import { t } from '../../i18n/messages.ts';

const PRIORITIES = ['status', 'orders', 'catalog'] as const;

/** The local day (YYYY-MM-DD) of an instant, as the engine names its budget's day. */
const localDay = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const dayAfter = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return localDay(new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1, 12).toISOString());
};

/** "hoje às 15:40", "amanhã, após 00:00"… measured against the budget's own day (the engine's clock). */
export const nextPassText = (view: RestBudgetView): string => {
  const pass = view.catalogPass;
  if (pass.when === 'never' || pass.at === null) return t('budget.pass.never');
  if (pass.when === 'now') return t('budget.pass.now');
  // The store's day starts again at its midnight, whatever the clock of the screen showing it.
  if (pass.when === 'afterReset') return t('budget.pass.afterReset');
  const time = formatTime(pass.at);
  const day = localDay(pass.at);
  if (day === view.day) return t('budget.pass.today', { time });
  if (day === dayAfter(view.day)) return t('budget.pass.tomorrow', { time });
  return t('budget.pass.on', { date: formatDate(pass.at), time });
};

/** Today's REST calls against Tray's daily cap; nothing at all on SOAP (the engine answers null). */
export const RestBudgetCard = () => {
  const budget = useCall('store.restBudget', undefined);
  const view = budget.data;
  if (!view) return null;
  return (
    <section className="card budget-card" aria-label={t('budget.title')}>
      <h2>{t('budget.title')}</h2>
      <p className="budget-used">{t('budget.used', { used: formatNumber(view.used), perDay: formatNumber(view.perDay) })}</p>
      <progress max={view.perDay} value={view.used} aria-label={t('budget.usedLabel')} />
      <dl className="kv">
        {PRIORITIES.map((p) => (
          <Fragment key={p}>
            <dt>{t(`budget.priority.${p}`)}</dt>
            <dd>
              {formatNumber(view.byPriority[p])} <span className="muted">({t('budget.ceiling', { ceiling: formatNumber(view.ceilings[p]) })})</span>
            </dd>
          </Fragment>
        ))}
      </dl>
      <p className="budget-next">
        <strong>{t('budget.nextPass')}:</strong> {nextPassText(view)}
      </p>
      <p className="hint">{t('budget.passCalls', { calls: formatNumber(view.catalogPass.calls) })}</p>
      <p className="hint">{t('budget.resets')}</p>
    </section>
  );
};
