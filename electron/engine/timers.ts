/**
 * Timers as an injected dependency: the scheduler and the shell's notification grouping take
 * them, so tests fire them by hand instead of sleeping. Real timers are unref'd so that a pending
 * one never keeps a headless process or a test run alive.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
