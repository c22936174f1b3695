/**
 * The preload: exposes exactly one object, `window.ponte` (a PonteBridge), and nothing of Node or
 * Electron. It forwards (name, input) untouched; main checks the sender, the name and the size,
 * and the engine validates the input against the contract.
 *
 * Sandboxed preloads cannot load modules: build:electron bundles this file to preload.cjs.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DownloadOutcome, Envelope, PonteEvent } from '../shared/api/contract.ts';
import { IPC_CALL, IPC_EVENT, IPC_SAVE, type PonteBridge } from '../shared/api/transport.ts';

const bridge: PonteBridge = {
  invoke: (name: string, input: unknown): Promise<Envelope<unknown>> =>
    ipcRenderer.invoke(IPC_CALL, String(name), input) as Promise<Envelope<unknown>>,
  save: (ticketId: string): Promise<Envelope<DownloadOutcome>> =>
    ipcRenderer.invoke(IPC_SAVE, String(ticketId)) as Promise<Envelope<DownloadOutcome>>,
  onEvent: (listener: (event: PonteEvent) => void) => {
    // The IPC event object (with `sender`) never reaches the page: only the payload does.
    const forward = (_event: IpcRendererEvent, payload: PonteEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
};

contextBridge.exposeInMainWorld('ponte', bridge);
