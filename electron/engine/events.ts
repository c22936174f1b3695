/** The engine's event stream: the UI, the tray icon and notifications all subscribe to it. */
import type { PonteEvent } from '../../shared/api/contract.ts';

export class EventHub {
  private readonly listeners = new Set<(event: PonteEvent) => void>();

  emit = (event: PonteEvent): void => {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed window) must not stop the sync that emitted the event.
      }
    }
  };

  subscribe = (listener: (event: PonteEvent) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
