/**
 * The tray icon's state, derived from the engine's events and overview snapshots. Pure: a reducer
 * and a view, so the icon logic is tested without Electron.
 */
import type { JobName, Overview, PonteEvent } from '../../shared/api/contract.ts';
import { newOrdersText, t } from './messages.ts';
import { PRODUCT_NAME } from './app-id.ts';

export type TrayIconState = 'idle' | 'syncing' | 'attention';

export interface TrayModel {
  running: JobName[];
  /** Failures announced by events, per job ('app' when not tied to one), until that job succeeds. */
  failures: Partial<Record<JobName | 'app', string>>;
  /** Problems the last overview reported (connections, failed pushes, failed last runs). */
  problems: string[];
  paused: boolean;
  newOrders: number;
}

export const initialTrayModel = (): TrayModel => ({ running: [], failures: {}, problems: [], paused: false, newOrders: 0 });

export type TrayInput = { kind: 'event'; event: PonteEvent } | { kind: 'overview'; overview: Overview };

const without = <T>(list: T[], item: T) => list.filter((x) => x !== item);

export const reduceTray = (model: TrayModel, input: TrayInput): TrayModel => {
  if (input.kind === 'overview') {
    const { overview } = input;
    const problems: string[] = [];
    if (overview.store.state === 'error') problems.push(t('tray.storeError', { message: overview.store.message ?? '' }));
    if (overview.erp.state === 'error') problems.push(t('tray.erpError', { message: overview.erp.message ?? '' }));
    if (overview.counts.outboxFailed > 0) problems.push(t('tray.outboxFailed', { count: overview.counts.outboxFailed }));
    for (const job of overview.jobs) {
      if (job.lastRun?.result === 'failed') problems.push(job.lastRun.message ?? job.job);
    }
    return {
      ...model,
      running: overview.jobs.filter((j) => j.state === 'running').map((j) => j.job),
      problems,
      paused: overview.paused,
      newOrders: overview.counts.notExported,
    };
  }
  const { event } = input;
  switch (event.type) {
    case 'job-progress':
      return model.running.includes(event.job) ? model : { ...model, running: [...model.running, event.job] };
    case 'run-finished': {
      const failures = { ...model.failures };
      if (event.run.result === 'failed') failures[event.run.job] = event.run.message ?? event.run.job;
      else delete failures[event.run.job];
      return { ...model, running: without(model.running, event.run.job), failures };
    }
    case 'failure':
      return { ...model, failures: { ...model.failures, [event.job ?? 'app']: event.message } };
    case 'new-orders':
      return { ...model, newOrders: model.newOrders + event.count };
    default:
      return model;
  }
};

export interface TrayView {
  icon: TrayIconState;
  tooltip: string;
}

/** Windows truncates tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;

export const trayView = (model: TrayModel): TrayView => {
  const issues = [...Object.values(model.failures), ...model.problems].filter((m): m is string => Boolean(m));
  const unique = [...new Set(issues)];
  const icon: TrayIconState = model.running.length > 0 ? 'syncing' : unique.length > 0 ? 'attention' : 'idle';
  const parts: string[] = [];
  if (model.paused) parts.push(t('tray.paused'));
  else if (icon === 'syncing') parts.push(t('tray.syncing'));
  if (unique.length === 1) parts.push(t('tray.attention', { message: unique[0] ?? '' }));
  else if (unique.length > 1) parts.push(t('tray.attention', { message: t('tray.problems', { count: unique.length }) }));
  parts.push(model.newOrders > 0 ? newOrdersText(model.newOrders) : parts.length === 0 ? t('tray.upToDate') : '');
  const text = `${PRODUCT_NAME} — ${parts.filter(Boolean).join(' · ')}`;
  return { icon, tooltip: text.length > TOOLTIP_MAX ? `${text.slice(0, TOOLTIP_MAX - 1)}…` : text };
};
