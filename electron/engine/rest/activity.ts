/**
 * What the activity log says of the REST client's own events: a read retried after a timeout, a
 * dropped connection or a 5xx (info: the call goes on by itself), and a 429 waited out (warn: Ponte
 * is calling faster than the store allows). SOAP's failures reach Atividade through the jobs; REST's
 * client waits most 429s out, so without these lines they would never show. The events carry only
 * the record's pt-BR name, the attempt and the wait: never a URL (it holds the token) nor a secret.
 */
import type { RestClientEvent } from './client.ts';
import { t } from './messages.ts';

export interface ActivityLine {
  level: 'info' | 'warn';
  message: string;
}

const seconds = (ms: number) => String(Math.max(1, Math.round(ms / 1000)));

const reasonText = (reason: string): string => {
  if (reason === 'timeout') return t('reason.timeout');
  if (reason === 'json') return t('reason.json');
  if (/^HTTP \d{3}$/.test(reason)) return `erro ${reason}`;
  return t('reason.network', { code: reason });
};

export const restActivityLine = (event: RestClientEvent): ActivityLine | null => {
  switch (event.type) {
    case 'retry':
      return { level: 'info', message: t('event.retry', { what: event.what, reason: reasonText(event.reason), seconds: seconds(event.delayMs) }) };
    case 'throttled':
      return { level: 'warn', message: t('event.throttled', { what: event.what, seconds: seconds(event.waitMs) }) };
    default:
      // A token exchange is routine; a refused one fails the call, which the job logs.
      return null;
  }
};
