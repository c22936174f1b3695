/**
 * Runs each job on its own interval, on demand, and never twice at once. A job whose run failed
 * backs off (doubling, capped) instead of retrying in a tight loop; pause stops the timers, and
 * "run now" still works while paused (the merchant asked for it).
 */
import type { JobName } from '../../../shared/api/contract.ts';
import { realTimers, type Timers } from '../timers.ts';

export type { Timers };

export interface SchedulerOptions<R extends { result: string }> {
  /** Minutes between runs per job; 0 = manual only. Read at every (re)scheduling. */
  intervals: () => Record<JobName, number>;
  run: (job: JobName) => Promise<R>;
  now: () => Date;
  timers?: Timers;
  maxBackoffMs?: number;
}

interface JobState {
  running: Promise<unknown> | null;
  timer: unknown;
  nextRunAt: Date | null;
  failures: number;
}

export class Scheduler<R extends { result: string } = { result: string }> {
  private readonly jobs = new Map<JobName, JobState>();
  private paused = false;
  private stopped = true;
  private readonly timers: Timers;

  constructor(private readonly options: SchedulerOptions<R>) {
    this.timers = options.timers ?? realTimers;
  }

  start(): void {
    this.stopped = false;
    for (const job of Object.keys(this.options.intervals()) as JobName[]) this.schedule(job);
  }

  stop(): void {
    this.stopped = true;
    for (const state of this.jobs.values()) this.clear(state);
  }

  pause(): void {
    this.paused = true;
    for (const state of this.jobs.values()) this.clear(state);
  }

  resume(): void {
    this.paused = false;
    if (!this.stopped) this.start();
  }

  /** Resolves when no run is under way (used before closing the database). */
  async idle(): Promise<void> {
    const running = [...this.jobs.values()].map((s) => s.running).filter((r): r is Promise<unknown> => r !== null);
    await Promise.allSettled(running);
  }

  isPaused(): boolean {
    return this.paused;
  }

  isRunning(job: JobName): boolean {
    return this.state(job).running !== null;
  }

  nextRunAt(job: JobName): string | null {
    return this.state(job).nextRunAt?.toISOString() ?? null;
  }

  /** Whether the job is waiting out a failure back-off. */
  backingOff(job: JobName): boolean {
    return this.state(job).failures > 0;
  }

  /** Runs the job now; a run already under way is joined, not doubled. */
  runNow(job: JobName): Promise<R> {
    return this.runWith(job, () => this.options.run(job));
  }

  /**
   * Runs a variant of the job (a backfill, a retry of one record) under the job's single-flight
   * guard. A run of the job already under way is joined instead.
   */
  runWith<T>(job: JobName, run: () => Promise<T>): Promise<T> {
    const state = this.state(job);
    if (state.running) return state.running as Promise<T>;
    const execution = run();
    const tracked = execution
      .then((summary) => {
        const failed = typeof summary === 'object' && summary !== null && 'result' in summary && summary.result === 'failed';
        state.failures = failed ? state.failures + 1 : 0;
        return summary;
      })
      .catch((error: unknown) => {
        state.failures += 1;
        throw error;
      })
      .finally(() => {
        state.running = null;
        this.schedule(job);
      });
    state.running = tracked;
    this.clear(state);
    return tracked;
  }

  /** Re-reads the intervals (after a settings change). */
  reschedule(): void {
    if (this.stopped || this.paused) return;
    for (const job of Object.keys(this.options.intervals()) as JobName[]) this.schedule(job);
  }

  private state(job: JobName): JobState {
    let state = this.jobs.get(job);
    if (!state) {
      state = { running: null, timer: null, nextRunAt: null, failures: 0 };
      this.jobs.set(job, state);
    }
    return state;
  }

  private clear(state: JobState): void {
    if (state.timer !== null) this.timers.clearTimeout(state.timer);
    state.timer = null;
    state.nextRunAt = null;
  }

  private schedule(job: JobName): void {
    const state = this.state(job);
    this.clear(state);
    if (this.stopped || this.paused || state.running) return;
    const minutes = this.options.intervals()[job];
    if (!minutes || minutes <= 0) return;
    const base = minutes * 60_000;
    const delay = state.failures > 0 ? Math.min(base * 2 ** state.failures, this.options.maxBackoffMs ?? 60 * 60_000) : base;
    state.nextRunAt = new Date(this.options.now().getTime() + delay);
    state.timer = this.timers.setTimeout(() => {
      state.timer = null;
      this.runNow(job).catch(() => {
        /* the run recorded its own failure; the back-off above spaces the next one */
      });
    }, delay);
  }
}
