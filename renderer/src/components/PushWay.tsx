import type { OutboxEntry, OutboxState } from '../../../shared/api/contract.ts';
import { t } from '../i18n/messages.ts';

const STEPS = ['pending', 'sending', 'done'] as const;

const stepIndex = (state: OutboxState): number =>
  state === 'pending' ? 0 : state === 'sending' || state === 'outcome_unknown' ? 1 : state === 'done' ? 2 : -1;

/** salvo → enviando → na loja, or the error: one push's way to the store. */
export const PushWay = ({ entry }: { entry: Pick<OutboxEntry, 'state' | 'lastError' | 'summary'> }) => {
  const current = stepIndex(entry.state);
  if (entry.state === 'failed' || entry.state === 'discarded' || entry.state === 'superseded') {
    return (
      <div className={`pushway pushway-${entry.state}`} aria-label={t('push.way')}>
        <span className="step step-error">{t(`push.${entry.state}`)}</span>
        {entry.lastError && <span className="pushway-error">{entry.lastError}</span>}
      </div>
    );
  }
  return (
    <ol className="pushway" aria-label={t('push.way')}>
      {STEPS.map((step, i) => (
        <li key={step} aria-current={i === current ? 'step' : undefined}>
          {i > 0 && <span className="arrow" aria-hidden="true">→</span>}
          <span className={`step ${i < current ? 'step-past' : i === current ? 'step-current' : 'step-future'}`}>{t(`push.${step}`)}</span>
        </li>
      ))}
    </ol>
  );
};

export const PushStateLabel = ({ state }: { state: OutboxState | null }) =>
  state ? <span className={`chip chip-push-${state}`}>{t(`push.${state}`)}</span> : <span className="muted">{t('common.none')}</span>;
