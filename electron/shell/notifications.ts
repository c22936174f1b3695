/**
 * Which desktop notifications to show, and when. New orders arriving in a burst become one
 * "5 pedidos novos"; a failure is announced once per cause until its job succeeds again (a job in
 * back-off retrying every few minutes must not toast every time). Clock and timers are injected.
 */
import type { JobName, PonteEvent } from '../../shared/api/contract.ts';
import { newOrdersText, t } from './messages.ts';
import type { ScreenTarget } from './screens.ts';
import { realTimers, type Timers } from '../engine/timers.ts';

export type { Timers };

export interface DesktopNotification {
  kind: 'new-orders' | 'failure' | 'info';
  title: string;
  body: string;
  target: ScreenTarget;
}

export interface NotificationPolicyOptions {
  show(notification: DesktopNotification): void;
  /** Read at each event: the merchant may turn a kind off at any time. */
  enabled(): { newOrders: boolean; failures: boolean };
  timers?: Timers;
  /** How long new orders are gathered into one notification. */
  groupWindowMs?: number;
}

export const DEFAULT_GROUP_WINDOW_MS = 30_000;

export const createNotificationPolicy = (options: NotificationPolicyOptions) => {
  const timers = options.timers ?? realTimers;
  const windowMs = options.groupWindowMs ?? DEFAULT_GROUP_WINDOW_MS;
  let pendingIds: number[] = [];
  let pendingCount = 0;
  let timer: unknown = null;
  /** Causes already announced, per job, cleared when the job succeeds. */
  const announced = new Map<JobName | 'app', Set<string>>();

  const flush = () => {
    timer = null;
    if (pendingCount === 0) return;
    const count = pendingCount;
    const ids = pendingIds;
    pendingCount = 0;
    pendingIds = [];
    const only = ids.length === 1 && count === 1 ? ids[0] : undefined;
    options.show({
      kind: 'new-orders',
      title: newOrdersText(count),
      body: t('notify.newOrders.body'),
      target: only !== undefined ? { screen: 'order', id: only } : { screen: 'orders', filter: 'notExported' },
    });
  };

  return {
    handle(event: PonteEvent): void {
      if (event.type === 'new-orders') {
        if (!options.enabled().newOrders || event.count <= 0) return;
        pendingCount += event.count;
        pendingIds.push(...event.orderIds);
        // The window starts at the first order of a burst and is not extended: a steady stream of
        // orders still yields one notification per window, never silence.
        timer ??= timers.setTimeout(flush, windowMs);
        return;
      }
      if (event.type === 'failure') {
        const key = event.job ?? 'app';
        const causes = announced.get(key) ?? new Set<string>();
        if (causes.has(event.cause)) return;
        causes.add(event.cause);
        announced.set(key, causes);
        if (!options.enabled().failures) return;
        options.show({
          kind: 'failure',
          title: t('notify.failure.title'),
          body: event.message,
          target: event.cause.startsWith('outbox') ? { screen: 'outbox' } : { screen: 'activity' },
        });
        return;
      }
      if (event.type === 'run-finished' && event.run.result !== 'failed') {
        announced.delete(event.run.job);
        announced.delete('app');
      }
    },
    /** Shows what is pending now (quitting, or the window got focus anyway). */
    flush(): void {
      if (timer !== null) timers.clearTimeout(timer);
      flush();
    },
    dispose(): void {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
};

export type NotificationPolicy = ReturnType<typeof createNotificationPolicy>;
