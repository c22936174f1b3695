/**
 * Per-store pacing: a bounded pool (at most `poolSize` calls in flight), a per-minute budget
 * (sliding window over call starts, the way a server's rolling-minute limiter counts) and an
 * adaptive limit (AIMD): an overload signal (429, 503, timeout) halves the effective concurrency,
 * each success grows it back by about one per round of calls. A Retry-After pauses the whole store.
 * Time comes from the injected clock and sleep, so tests drive it without real waiting.
 */
export interface PacerOptions {
  poolSize: number;
  /** Calls allowed per rolling minute; 0 or Infinity = no budget. */
  perMinute: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /**
   * Length of the rolling window (default 60 s). A server counts arrivals, later than our starts by
   * a varying network delay: a slightly longer window keeps a burst at the limit from meeting a 429.
   */
  windowMs?: number;
  /**
   * Calls that may start back to back before the budget is spread out (a token bucket refilled at
   * `perMinute` a minute); default `perMinute` (one burst of the whole minute). A small burst keeps
   * a minute's budget from being spent in its first second, so an engine that restarts finds room.
   */
  burst?: number;
  /** Call starts of an earlier life of the engine (persisted), so a restart does not reset the budget. */
  restoredStarts?: readonly number[];
  /** Told the starts in the window after each new start (to persist them). */
  onStarts?: (starts: readonly number[]) => void;
}

const WINDOW_MS = 60_000;

/**
 * Who waits for a call slot, served in this order: what a merchant waits on (a status or tracking
 * push), then the order side, then bulk catalogue work, so a long catalogue pass does not hold the
 * orders behind it. Every rank counts against the same pool and budget.
 */
export type CallRank = 'urgent' | 'normal' | 'background';
const RANKS: readonly CallRank[] = ['urgent', 'normal', 'background'];
/**
 * The share of the calls a minute bulk work may take. Ranks order the queue, but a catalogue pass
 * that starts first would fill the whole minute (Tray's 180 come as a burst, then nothing for the
 * rest of the window) before the first order call is even asked for: a third stays for those.
 */
const BACKGROUND_SHARE = 2 / 3;

export class Pacer {
  private limit: number;
  private inFlightCount = 0;
  private readonly starts: number[] = [];
  private readonly waiters: Record<CallRank, Array<() => void>> = { urgent: [], normal: [], background: [] };
  private pausedUntil = 0;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private timerDue: number | null = null;
  private maxSeen = 0;
  private capacity = Number.POSITIVE_INFINITY;
  private tokens = Number.POSITIVE_INFINITY;
  private refilledAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: PacerOptions) {
    if (!(options.poolSize >= 1)) throw new RangeError('poolSize must be >= 1');
    this.limit = options.poolSize;
    const budget = options.perMinute;
    if (budget > 0 && Number.isFinite(budget)) {
      const windowMs = options.windowMs ?? WINDOW_MS;
      this.capacity = Math.max(1, Math.min(budget, options.burst ?? budget));
      this.tokens = this.capacity;
      const now = options.now();
      // Replayed in order: the bucket is full again long before the window ends (burst <= budget).
      for (const at of [...(options.restoredStarts ?? [])].filter((t) => t > now - windowMs && t <= now).sort((a, b) => a - b)) {
        this.refill(at);
        this.tokens -= 1;
        this.starts.push(at);
      }
    }
  }

  /** The call starts within the rolling window (what a restart needs to restore). */
  get recentStarts(): readonly number[] {
    return [...this.starts];
  }

  private refill(now: number): void {
    const perMs = this.options.perMinute / (this.options.windowMs ?? WINDOW_MS);
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * perMs);
    this.refilledAt = now;
  }

  get inFlight(): number {
    return this.inFlightCount;
  }
  /** The concurrency currently allowed (<= poolSize). */
  get effectiveLimit(): number {
    return Math.max(1, Math.floor(this.limit));
  }
  get maxInFlight(): number {
    return this.maxSeen;
  }
  get queued(): number {
    return RANKS.reduce((n, rank) => n + this.waiters[rank].length, 0);
  }

  /**
   * Waits for a slot; the returned function releases it (call it exactly once). The next free slot
   * goes to the first waiter of the highest rank (see CallRank).
   */
  acquire(rank: CallRank = 'normal'): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiters[rank].push(() => {
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.inFlightCount--;
          this.pump();
        });
      });
      this.pump();
    });
  }

  /** A call succeeded: grow the limit back towards the pool size. */
  onSuccess(): void {
    if (this.limit < this.options.poolSize) this.limit = Math.min(this.options.poolSize, this.limit + 1 / this.limit);
    this.pump();
  }

  /**
   * The store is overloaded. Calls started before the last decrease report the same congestion,
   * so they do not halve the limit again.
   */
  onOverload(callStartedAt: number): void {
    if (callStartedAt < this.lastDecreaseAt) return;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.lastDecreaseAt = this.options.now();
  }

  /** Holds every call of this store for `ms` (a Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.options.now() + Math.max(0, ms));
    this.pump();
  }

  private schedule(due: number): void {
    if (this.timerDue !== null && this.timerDue <= due) return;
    this.timerDue = due;
    void this.options.sleep(Math.max(0, due - this.options.now())).then(() => {
      if (this.timerDue === due) this.timerDue = null;
      this.pump();
    });
  }

  private nextRank(): CallRank | undefined {
    return RANKS.find((rank) => this.waiters[rank].length > 0);
  }

  private pump(): void {
    while (this.queued > 0) {
      const now = this.options.now();
      if (now < this.pausedUntil) return this.schedule(this.pausedUntil);
      if (this.inFlightCount >= this.effectiveLimit) return;
      const budget = this.options.perMinute;
      if (budget > 0 && Number.isFinite(budget)) {
        const windowMs = this.options.windowMs ?? WINDOW_MS;
        while (this.starts.length > 0 && (this.starts[0] as number) <= now - windowMs) this.starts.shift();
        if (this.starts.length >= budget) return this.schedule((this.starts[0] as number) + windowMs);
        if (this.nextRank() === 'background') {
          const share = Math.max(1, Math.floor(budget * BACKGROUND_SHARE));
          if (this.starts.length >= share) return this.schedule((this.starts[this.starts.length - share] as number) + windowMs);
        }
        this.refill(now);
        if (this.tokens < 1) return this.schedule(now + Math.ceil(((1 - this.tokens) * windowMs) / budget));
        this.tokens -= 1;
        this.starts.push(now);
        this.options.onStarts?.(this.starts);
      }
      this.inFlightCount++;
      this.maxSeen = Math.max(this.maxSeen, this.inFlightCount);
      (this.waiters[this.nextRank() as CallRank].shift() as () => void)();
    }
  }
}
