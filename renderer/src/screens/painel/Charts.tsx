/**
 * The Painel's two charts (recharts): orders per day over the last 30 days, and the outcome of
 * each routine's recent runs. The drawings are hidden from screen readers; each has a table with
 * the same figures that they read instead.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { JOB_NAMES, type OverviewHistory } from '../../../../shared/api/contract.ts';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';
import { runOutcome, type RunOutcome } from './outcome.ts';

const dayLabel = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;
const OUTCOMES = ['ok', 'warnings', 'partial', 'failed'] as const satisfies readonly RunOutcome[];
// Fills, not text: contrast against white of at least 3:1 (WCAG non-text contrast).
const COLOURS: Record<(typeof OUTCOMES)[number], string> = { ok: '#1a7f37', warnings: '#b58100', partial: '#d4700b', failed: '#c0262d' };

export const OrdersPerDay = ({ days }: { days: OverviewHistory['ordersPerDay'] }) => {
  const total = days.reduce((n, d) => n + d.count, 0);
  const busiest = days.reduce((best, d) => (d.count > best.count ? d : best), days[0] ?? { date: '', count: 0 });
  const data = days.map((d) => ({ ...d, label: dayLabel(d.date) }));
  return (
    <figure className="card chart-card" aria-labelledby="chart-orders-title">
      <h2 id="chart-orders-title">{t('painel.ordersChart')}</h2>
      <p className="hint">
        {total === 0
          ? t('painel.ordersChartEmpty')
          : t('painel.ordersChartSummary', { total: formatNumber(total), day: formatDate(busiest.date), count: formatNumber(busiest.count) })}
      </p>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={180} initialDimension={{ width: 520, height: 180 }}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -18 }}>
            <CartesianGrid vertical={false} stroke="#e6e9ed" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#5f6b7a' }} interval="preserveStartEnd" minTickGap={14} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#5f6b7a' }} width={44} />
            <Tooltip formatter={(value) => [formatNumber(Number(value)), t('painel.ordersOfDay')]} labelFormatter={(label) => String(label)} />
            <Bar dataKey="count" fill="#0b6bcb" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{t('painel.ordersChart')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('painel.day')}</th>
            <th scope="col">{t('painel.ordersOfDay')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <td>{formatDate(d.date)}</td>
              <td>{formatNumber(d.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
};

export const JobHealth = ({ runs, size }: { runs: OverviewHistory['runs']; size: number }) => {
  const rows = JOB_NAMES.map((job) => {
    const list = runs[job] ?? [];
    const tally = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<(typeof OUTCOMES)[number], number>;
    for (const run of list) {
      const outcome = runOutcome(run);
      if (outcome !== 'running') tally[outcome] += 1;
    }
    const lastFailure = [...list].reverse().find((r) => r.result === 'failed' || r.result === 'partial') ?? null;
    return { job, name: t(`job.${job}`), total: list.length, lastFailure, ...tally };
  });
  return (
    <figure className="card chart-card" aria-labelledby="chart-health-title">
      <h2 id="chart-health-title">{t('painel.healthChart')}</h2>
      <p className="hint">{t('painel.healthHelp', { n: size })}</p>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={180} initialDimension={{ width: 520, height: 180 }}>
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="#e6e9ed" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: '#5f6b7a' }} />
            <YAxis type="category" dataKey="name" width={92} tick={{ fontSize: 12, fill: '#1f2328' }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} formatter={(value) => <span className="legend-text">{String(value)}</span>} />
            {OUTCOMES.map((o) => (
              <Bar key={o} dataKey={o} name={t(`result.${o}`)} stackId="runs" fill={COLOURS[o]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{t('painel.healthChart')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('painel.job')}</th>
            <th scope="col">{t('painel.runs')}</th>
            {OUTCOMES.map((o) => (
              <th key={o} scope="col">{t(`result.${o}`)}</th>
            ))}
            <th scope="col">{t('painel.lastFailure')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.job}>
              <th scope="row">{r.name}</th>
              <td>{formatNumber(r.total)}</td>
              {OUTCOMES.map((o) => (
                <td key={o}>{formatNumber(r[o])}</td>
              ))}
              <td>{r.lastFailure ? `${formatDateTime(r.lastFailure.startedAt)}: ${r.lastFailure.message ?? ''}` : t('common.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
};
