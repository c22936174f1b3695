import { useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { LocalStatus, PushResult, TrackingEntry } from '../../../../shared/api/contract.ts';
import { keys, useCallMutation, useSettings } from '../../api/queries.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorText } from '../../components/QueryState.tsx';
import { t } from '../../i18n/messages.ts';
import { defaultStatus, StatusToSet } from './statusChoice.tsx';
import { judgeCode, todayIso } from './tracking.ts';

interface FormValues {
  code: string;
  shippedAt: string;
  url: string;
}

/** One order's tracking code: checked as typed, refused on a bad Correios check digit. */
export const TrackingForm = ({ orderId, currentCode }: { orderId: number; currentCode: string | null }) => {
  const id = useId();
  const settings = useSettings();
  const [status, setStatus] = useState<LocalStatus | '' | null>(null);
  const chosenStatus = status ?? defaultStatus(settings.data);
  const [result, setResult] = useState<PushResult | null>(null);
  const mutation = useCallMutation('orders.setTracking', [keys.orders, ['orders.get'], keys.outbox, keys.overview]);
  const { register, handleSubmit, watch, formState, setError, clearErrors, control } = useForm<FormValues>({
    defaultValues: { code: currentCode ?? '', shippedAt: todayIso(), url: '' },
  });
  const code = watch('code');
  const verdict = code.trim() ? judgeCode(code) : null;

  const onSubmit = handleSubmit(async (values) => {
    clearErrors();
    setResult(null);
    if (values.code.trim() === '') {
      setError('code', { message: t('tracking.codeOrStatus') });
      return;
    }
    const judged = judgeCode(values.code);
    if (judged.level === 'error') {
      setError('code', { message: judged.message });
      return;
    }
    const entry: TrackingEntry = { orderId, trackingCode: judged.code };
    if (values.shippedAt) entry.shippedAt = values.shippedAt;
    if (values.url.trim()) entry.trackingUrl = values.url.trim();
    if (chosenStatus) entry.status = chosenStatus;
    try {
      const [answer] = await mutation.mutateAsync({ entries: [entry] });
      setResult(answer ?? null);
    } catch (error) {
      setError('root', { message: errorText(error) });
    }
  });

  const codeError = formState.errors.code?.message;
  const hintId = `${id}-code-hint`;
  return (
    <form className="tracking-form" onSubmit={onSubmit} aria-label={t('tracking.title')} noValidate>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('tracking.code')}</label>
        <input
          id={`${id}-code`}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={hintId}
          {...register('code')}
        />
        <p id={hintId} className={`hint ${codeError ? 'hint-error' : verdict ? `hint-${verdict.level}` : ''}`} role={codeError ? 'alert' : undefined}>
          {codeError ?? verdict?.message ?? ''}
        </p>
      </div>
      <div className="field-row">
        <div className="field">
          <Controller
            control={control}
            name="shippedAt"
            render={({ field }) => <DateField id={`${id}-date`} label={t('tracking.shippedAt')} value={field.value} onChange={field.onChange} />}
          />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-url`}>{t('tracking.url')}</label>
          <input id={`${id}-url`} type="url" {...register('url')} />
        </div>
      </div>
      <StatusToSet id={`${id}-status`} settings={settings.data} value={chosenStatus} onChange={setStatus} />
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('tracking.save')}
        </button>
      </div>
      {formState.errors.root?.message && (
        <p role="alert" className="error-text">
          {formState.errors.root.message}
        </p>
      )}
      {result && (
        <p role="status" className={result.ok ? 'ok-text' : 'error-text'}>
          {result.ok ? t('tracking.saved') : t('common.error', { message: result.error ?? '' })}
        </p>
      )}
    </form>
  );
};
