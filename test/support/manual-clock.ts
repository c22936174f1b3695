/** A manual clock for pacing tests: sleeps resolve only when the test advances time. */
export const manualClock = (start = 0) => {
  let now = start;
  const timers: Array<{ due: number; resolve: () => void }> = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ due: now + ms, resolve })),
    async advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((x) => x.due <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.resolve();
      }
      await flushMicrotasks();
    },
  };
};

/** Lets the promise chains a resolved sleep started run to their next wait. */
export const flushMicrotasks = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
