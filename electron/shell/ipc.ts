/**
 * The main-process side of the IPC transport. The preload forwards (name, input) untouched; here
 * the sender, the name and the size are checked before the engine's dispatcher validates the input
 * itself against the contract.
 */
import { toApiError, type EngineEndpoint } from '../engine/api/dispatch.ts';
import type { DownloadShelf } from '../engine/downloads.ts';
import { isHandlerName, type DownloadOutcome, type Envelope } from '../../shared/api/contract.ts';
import { t } from './messages.ts';

export const IPC_INPUT_LIMIT = 1024 * 1024;

const refuse = (message: string): Envelope<unknown> => ({ ok: false, error: { code: 'invalid_input', message } });

/** Size of the input as JSON; null when it is not plain JSON data (cycles, BigInt…). */
const jsonSize = (value: unknown): number | null => {
  if (value === undefined) return 0;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : Buffer.byteLength(text, 'utf8');
  } catch {
    return null;
  }
};

export type IpcCheck = { ok: true; name: string; input: unknown } | { ok: false; envelope: Envelope<unknown> };

export const checkIpcCall = (name: unknown, input: unknown, limit = IPC_INPUT_LIMIT): IpcCheck => {
  if (typeof name !== 'string' || name.length > 100 || !isHandlerName(name)) return { ok: false, envelope: refuse(t('ipc.badName')) };
  const size = jsonSize(input);
  if (size === null) return { ok: false, envelope: refuse(t('ipc.notJson')) };
  if (size > limit) return { ok: false, envelope: refuse(t('ipc.tooLarge', { limit })) };
  return { ok: true, name, input };
};

/**
 * Only the app's own page may call: a frame navigated elsewhere (it should not be possible, but
 * defence in depth) gets nothing. `appUrl` is where the renderer was loaded from.
 */
export const isTrustedSender = (senderUrl: string | undefined, appUrl: string): boolean => {
  if (!senderUrl) return false;
  try {
    const sender = new URL(senderUrl);
    const app = new URL(appUrl);
    if (sender.protocol !== app.protocol) return false;
    if (app.protocol === 'file:') return sender.pathname === app.pathname;
    // Custom schemes (ponte://app) have an opaque "null" origin in WHATWG URLs: compare hosts.
    return sender.host === app.host && sender.host !== '';
  } catch {
    return false;
  }
};

export const handleIpcCall = async (
  endpoint: EngineEndpoint,
  senderUrl: string | undefined,
  appUrl: string,
  name: unknown,
  input: unknown,
): Promise<Envelope<unknown>> => {
  if (!isTrustedSender(senderUrl, appUrl)) return { ok: false, error: { code: 'rejected', message: t('ipc.untrusted') } };
  const checked = checkIpcCall(name, input);
  if (!checked.ok) return checked.envelope;
  return endpoint.dispatch(checked.name, checked.input);
};

/**
 * The save dialog's side of a download (Electron): a trusted sender names a ticket, the merchant
 * picks a place (`ask`, the native dialog; null = cancelled), and the engine's shelf copies the
 * file there — refusing the configured workbook, backing up a file it replaces.
 */
export const handleIpcSave = async (
  downloads: Pick<DownloadShelf, 'open' | 'saveTo'>,
  senderUrl: string | undefined,
  appUrl: string,
  ticketId: unknown,
  ask: (suggestedName: string) => Promise<string | null>,
): Promise<Envelope<DownloadOutcome>> => {
  if (!isTrustedSender(senderUrl, appUrl)) return { ok: false, error: { code: 'rejected', message: t('ipc.untrusted') } };
  if (typeof ticketId !== 'string' || ticketId.length > 200) return { ok: false, error: { code: 'invalid_input', message: t('ipc.badName') } };
  const staged = await downloads.open(ticketId);
  if (!staged) return { ok: false, error: { code: 'not_found', message: 'Este arquivo não está mais disponível: gere-o de novo.' } };
  const target = await ask(staged.name);
  if (target === null) return { ok: true, result: { saved: false, path: null, backup: null } };
  try {
    const saved = await downloads.saveTo(ticketId, target);
    return { ok: true, result: { saved: true, ...saved } };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
};
