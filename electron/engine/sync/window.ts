/**
 * The order-pull window. Each pull re-reads an overlap before the last checkpoint (orders whose
 * clock sits at the window's edge are otherwise missed) and relies on dedupe by order id.
 */
export interface PullWindow {
  from: Date;
  to: Date;
}

export const DEFAULT_OVERLAP_MS = 10 * 60_000;
/** First run: how far back to look when no checkpoint exists yet. */
export const FIRST_PULL_DAYS = 30;

export const pullWindow = (checkpoint: string | null, now: Date, overlapMs = DEFAULT_OVERLAP_MS): PullWindow => {
  const from = checkpoint ? new Date(new Date(checkpoint).getTime() - overlapMs) : new Date(now.getTime() - FIRST_PULL_DAYS * 86_400_000);
  return { from, to: now };
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Tray's window parameters: data (YYYY-MM-DD) and hora (HHMM), in the shop's local time. */
export const trayWindowArgs = (w: PullWindow): [string, string, string, string] => {
  const date = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const hour = (d: Date) => `${pad(d.getHours())}${pad(d.getMinutes())}`;
  return [date(w.from), date(w.to), hour(w.from), hour(w.to)];
};

/**
 * The store port's window: local `YYYY-MM-DDTHH:MM:SS` on the shop PC's clock (the store's local
 * time, Brasília, as the store filters by). SOAP sends it to the minute (`trayWindowArgs`' form).
 */
export const orderWindowOf = (w: PullWindow): { from: string; to: string } => {
  const stamp = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return { from: stamp(w.from), to: stamp(w.to) };
};

/** "pedidos de DD/MM a DD/MM": a backfill covers whole days. */
export const backfillWindow = (fromIso: string, toIso: string): PullWindow => ({
  from: new Date(`${fromIso}T00:00:00`),
  to: new Date(`${toIso}T23:59:59`),
});
