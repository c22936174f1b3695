/**
 * REST's fields: the API address, the app's key pair (write-only: a saved pair is only said to
 * exist) and the store's daily call limit.
 */
import { useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { REST_CALLS_PER_DAY, type Settings } from '../../../../shared/api/contract.ts';
import { normalizeApiAddress } from '../../../../shared/api/rest-access.ts';
import { formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';
import { Field } from './Field.tsx';
import type { SettingsForm } from './settingsForm.ts';

export const RestFields = ({ form, settings }: { form: UseFormReturn<SettingsForm>; settings: Settings }) => {
  const id = useId();
  const { register, formState } = form;
  const stored = settings.store.hasRestCredentials;
  return (
    <div className="form-grid">
      <Field id={`${id}-api`} label={t('rest.apiAddress')} hint={formState.errors.apiAddress?.message ?? t('rest.apiAddressHint')} wide>
        <input
          id={`${id}-api`}
          type="url"
          autoComplete="off"
          placeholder="https://sualoja.com.br/web_api"
          aria-describedby={`${id}-api-hint`}
          aria-invalid={formState.errors.apiAddress ? true : undefined}
          {...register('apiAddress', {
            validate: (v) => form.getValues('transport') !== 'rest' || v.trim() === '' || normalizeApiAddress(v) !== null || t('rest.apiAddressInvalid'),
          })}
        />
      </Field>
      <Field id={`${id}-key`} label={t('rest.consumerKey')}>
        {/* Write-only like a password: the saved key never comes back to the window. */}
        <input id={`${id}-key`} type="password" autoComplete="off" aria-describedby={`${id}-secret-hint`} placeholder={stored ? '••••••••' : ''} {...register('consumerKey')} />
      </Field>
      <Field id={`${id}-secret`} label={t('rest.consumerSecret')} hint={stored ? t('rest.credentialsStored') : t('rest.credentialsNone')}>
        <input id={`${id}-secret`} type="password" autoComplete="new-password" aria-describedby={`${id}-secret-hint`} placeholder={stored ? '••••••••' : ''} {...register('consumerSecret')} />
      </Field>
      <DailyLimit form={form} />
    </div>
  );
};

/** The two figures Tray gives stores; any other is the merchant's own share ("Outro limite…"). */
const OFFERED: readonly number[] = [REST_CALLS_PER_DAY.standard, REST_CALLS_PER_DAY.large];

/**
 * The daily limit as a choice of Tray's two figures, which is what a merchant knows from Tray, and
 * "Outro limite…" with a number for a store that shares its cap with another app.
 */
const DailyLimit = ({ form }: { form: UseFormReturn<SettingsForm> }) => {
  const id = useId();
  const { register, formState, setValue } = form;
  const value = form.watch('restCallsPerDay');
  // Picked "Outro limite…" (still showing an offered figure until a number is typed), or saved as one.
  const [other, setOther] = useState(false);
  const custom = other || !OFFERED.includes(value);
  const error = formState.errors.restCallsPerDay?.message;
  const bounds = { min: formatNumber(REST_CALLS_PER_DAY.min), max: formatNumber(REST_CALLS_PER_DAY.max) };
  return (
    <>
      <Field id={`${id}-limit`} label={t('rest.callsPerDay')} hint={t('rest.callsPerDayHint')} wide>
        <select
          id={`${id}-limit`}
          aria-describedby={`${id}-limit-hint`}
          value={custom ? 'other' : String(value)}
          onChange={(e) => {
            const choice = e.target.value;
            setOther(choice === 'other');
            if (choice !== 'other') setValue('restCallsPerDay', Number(choice), { shouldDirty: true, shouldValidate: true });
          }}
        >
          <option value={String(REST_CALLS_PER_DAY.standard)}>{t('rest.callsPerDayStandard')}</option>
          <option value={String(REST_CALLS_PER_DAY.large)}>{t('rest.callsPerDayLarge')}</option>
          <option value="other">{t('rest.callsPerDayOther')}</option>
        </select>
      </Field>
      {custom && (
        <Field id={`${id}-custom`} label={t('rest.callsPerDayCustom')} hint={error}>
          <input
            id={`${id}-custom`}
            type="number"
            inputMode="numeric"
            min={REST_CALLS_PER_DAY.min}
            max={REST_CALLS_PER_DAY.max}
            step={1}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-custom-hint` : undefined}
            {...register('restCallsPerDay', {
              valueAsNumber: true,
              validate: (n) =>
                form.getValues('transport') !== 'rest' || (Number.isInteger(n) && n >= REST_CALLS_PER_DAY.min && n <= REST_CALLS_PER_DAY.max) || t('rest.callsPerDayInvalid', bounds),
            })}
          />
        </Field>
      )}
    </>
  );
};
