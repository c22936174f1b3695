import type { DownloadOutcome, DownloadTicket, HandlerName, Input, Outputs, PonteApi, PonteEvent } from '../../../shared/api/contract.ts';
import type { PonteBridge } from '../../../shared/api/transport.ts';
import { unwrapEnvelope } from './envelope.ts';

/** Electron: the preload's `window.ponte` carries each call over IPC. */
export const createIpcApi = (bridge: PonteBridge): PonteApi => ({
  async call<N extends HandlerName>(name: N, input: Input<N>): Promise<Outputs[N]> {
    return unwrapEnvelope<Outputs[N]>(await bridge.invoke(name, input));
  },
  subscribe(listener: (event: PonteEvent) => void): () => void {
    return bridge.onEvent(listener);
  },
  async download(ticket: DownloadTicket): Promise<DownloadOutcome> {
    return unwrapEnvelope<DownloadOutcome>(await bridge.save(ticket.id));
  },
});
