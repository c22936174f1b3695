import type { RunSummary } from '../../../../shared/api/contract.ts';

/** How a run reads to the merchant: a run that refused ERP rows is done, but with warnings. */
export type RunOutcome = 'ok' | 'warnings' | 'partial' | 'failed' | 'running';

export const runOutcome = (run: Pick<RunSummary, 'result' | 'counts'>): RunOutcome =>
  run.result === 'ok' && (run.counts.erpProblems ?? 0) > 0 ? 'warnings' : run.result;
