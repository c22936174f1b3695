import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { JOB_NAMES, type ConnectionTestResult, type Settings, type StoreStatusOption } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { keys, useCall, useSettings } from '../../api/queries.ts';
import { errorText, QueryState } from '../../components/QueryState.tsx';
import { t } from '../../i18n/messages.ts';
import { ConnectionTestReport } from './ConnectionTest.tsx';
import { suggestStoreStatus } from './suggest.ts';
import { toForm, toPatch, type Dirty, type SettingsForm } from './settingsForm.ts';

type Form = UseFormReturn<SettingsForm>;

const Field = ({ id, label, children, hint }: { id: string; label: string; children: ReactNode; hint?: string }) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    {children}
    {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
  </div>
);

const StoreSection = ({ form, settings }: { form: Form; settings: Settings }) => {
  const id = useId();
  const api = useApi();
  const client = useQueryClient();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const test = async () => {
    setTesting(true);
    setFailure(null);
    try {
      const answer = await api.call('store.testConnection', undefined);
      setResult(answer);
      client.setQueriesData({ queryKey: keys.statuses }, answer.statuses);
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setTesting(false);
    }
  };
  const { register, formState } = form;
  return (
    <fieldset>
      <legend>{t('config.store')}</legend>
      <div className="form-grid">
        <Field id={`${id}-url`} label={t('config.url')} hint={formState.errors.url?.message}>
          <input
            id={`${id}-url`}
            type="url"
            placeholder="https://minhaloja.com.br"
            aria-invalid={formState.errors.url ? true : undefined}
            {...register('url', {
              validate: (v) => v.trim() === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v.trim()) || t('config.urlInvalid'),
            })}
          />
        </Field>
        <Field id={`${id}-storeId`} label={t('config.storeId')}>
          <input id={`${id}-storeId`} autoComplete="off" {...register('storeId')} />
        </Field>
        <Field id={`${id}-login`} label={t('config.login')}>
          <input id={`${id}-login`} autoComplete="off" {...register('login')} />
        </Field>
        <Field
          id={`${id}-password`}
          label={t('config.password')}
          hint={settings.store.hasPassword ? t('config.passwordStored') : t('config.passwordNone')}
        >
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            aria-describedby={`${id}-password-hint`}
            placeholder={settings.store.hasPassword ? '••••••••' : ''}
            {...register('password')}
          />
        </Field>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void test()} disabled={testing}>
          {testing ? t('config.testing') : t('config.test')}
        </button>
      </div>
      {failure && <p role="alert" className="error-text">{failure}</p>}
      {result && <ConnectionTestReport result={result} />}
    </fieldset>
  );
};

const ErpSection = ({ form }: { form: Form }) => {
  const id = useId();
  const api = useApi();
  const [template, setTemplate] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const makeTemplate = async () => {
    setFailure(null);
    try {
      const path = form.getValues('erpPath').trim();
      const answer = await api.call('erp.template', path && form.getValues('erpKind') === 'spreadsheet' ? { path } : {});
      setTemplate(answer.path);
    } catch (error) {
      setFailure(errorText(error));
    }
  };
  return (
    <fieldset>
      <legend>{t('config.erp')}</legend>
      <div className="form-grid">
        <Field id={`${id}-kind`} label={t('config.erpKind')}>
          <select id={`${id}-kind`} {...form.register('erpKind')}>
            <option value="spreadsheet">{t('erp.spreadsheet')}</option>
            <option value="sql">{t('erp.sql')}</option>
            <option value="none">{t('erp.none')}</option>
          </select>
        </Field>
        <Field id={`${id}-path`} label={t('config.erpPath')}>
          <input id={`${id}-path`} placeholder="C:\\Loja\\produtos.xlsx" {...form.register('erpPath')} />
        </Field>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void makeTemplate()}>{t('config.template')}</button>
      </div>
      {template && <p role="status" className="ok-text">{t('config.templateDone', { path: template })}</p>}
      {failure && <p role="alert" className="error-text">{failure}</p>}
    </fieldset>
  );
};

const MappingSection = ({ form, statuses }: { form: Form; statuses: StoreStatusOption[] }) => {
  const rows = form.watch('mapping');
  return (
    <fieldset>
      <legend>{t('config.mapping')}</legend>
      <p className="hint warn-text">{t('config.mappingHelp')}</p>
      {statuses.length === 0 && <p className="hint">{t('config.loadStatuses')}</p>}
      <table className="table compact" aria-label={t('config.mapping')}>
        <thead>
          <tr>
            <th scope="col">{t('config.localStatus')}</th>
            <th scope="col">{t('config.storeStatus')}</th>
            <th scope="col">{t('config.push')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const label = t(`status.${row.local}`);
            const suggestion = suggestStoreStatus(row.local, statuses);
            const current = row.storeStatusId;
            const known = statuses.some((s) => String(s.id) === current);
            return (
              <tr key={row.local}>
                <th scope="row">{label}</th>
                <td>
                  {/* Controlled: the options arrive after the value, and an uncontrolled select would drop it. */}
                  <select
                    aria-label={t('config.storeStatusFor', { status: label })}
                    value={current}
                    onChange={(e) => form.setValue(`mapping.${i}.storeStatusId`, e.target.value, { shouldDirty: true })}
                  >
                    <option value="">{t('config.notMapped')}</option>
                    {!known && current !== '' && <option value={current}>#{current}</option>}
                    {statuses.map((s) => (
                      <option key={s.id} value={String(s.id)}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                  {suggestion && String(suggestion.id) !== current && (
                    <button
                      type="button"
                      className="small suggestion"
                      onClick={() => form.setValue(`mapping.${i}.storeStatusId`, String(suggestion.id), { shouldDirty: true })}
                    >
                      {t('config.useSuggestion', { name: suggestion.name })}
                    </button>
                  )}
                </td>
                <td>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={row.push}
                      onChange={(e) => form.setValue(`mapping.${i}.push`, e.target.checked, { shouldDirty: true })}
                      aria-label={t('config.pushFor', { status: label })}
                    />
                    <span aria-hidden="true">{t('config.push')}</span>
                  </label>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
};

const ScheduleAndMore = ({ form }: { form: Form }) => {
  const id = useId();
  const { register } = form;
  return (
    <>
      <fieldset>
        <legend>{t('config.schedule')}</legend>
        <div className="form-grid">
          {JOB_NAMES.map((job) => (
            <Field key={job} id={`${id}-${job}`} label={t('config.scheduleFor', { job: t(`job.${job}`) })}>
              <input id={`${id}-${job}`} type="number" min={0} step={1} {...register(`schedule.${job}`, { valueAsNumber: true })} />
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('config.exportSection')}</legend>
        <div className="form-grid">
          <Field id={`${id}-target`} label={t('config.exportTarget')}>
            <select id={`${id}-target`} {...register('exportTarget')}>
              <option value="erp">{t('exportar.erp')}</option>
              <option value="csv">{t('exportar.csv')}</option>
              <option value="xlsx">{t('exportar.xlsx')}</option>
            </select>
          </Field>
          <Field id={`${id}-folder`} label={t('config.exportFolder')}>
            <input id={`${id}-folder`} {...register('exportFolder')} />
          </Field>
          <Field id={`${id}-buffer`} label={t('config.stockBuffer')}>
            <input id={`${id}-buffer`} type="number" min={0} {...register('safetyBuffer', { valueAsNumber: true })} />
          </Field>
          <Field id={`${id}-drop`} label={t('config.priceDrop')}>
            <input id={`${id}-drop`} type="number" min={0} max={100} {...register('priceDropConfirmPercent', { valueAsNumber: true })} />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('config.notifications')}</legend>
        <label className="check block-check">
          <input type="checkbox" {...register('notifyNewOrders')} />
          {t('config.notifyNewOrders')}
        </label>
        <label className="check block-check">
          <input type="checkbox" {...register('notifyFailures')} />
          {t('config.notifyFailures')}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('config.system')}</legend>
        <label className="check block-check">
          <input type="checkbox" {...register('startWithWindows')} />
          {t('config.startWithWindows')}
        </label>
        <label className="check block-check">
          <input type="checkbox" {...register('quitOnClose')} aria-describedby={`${id}-quit-hint`} />
          {t('config.quitOnClose')}
        </label>
        <p className="hint" id={`${id}-quit-hint`}>{t('config.quitOnCloseHelp')}</p>
        <Field id={`${id}-locale`} label={t('config.language')}>
          <select id={`${id}-locale`} {...register('locale')}>
            <option value="pt-BR">Português (Brasil)</option>
            <option value="en">English</option>
          </select>
        </Field>
      </fieldset>
    </>
  );
};

const SettingsEditor = ({ settings }: { settings: Settings }) => {
  const api = useApi();
  const client = useQueryClient();
  const statusesQuery = useCall('store.statuses', undefined);
  const statuses = statusesQuery.data ?? [];
  const form = useForm<SettingsForm>({ defaultValues: toForm(settings) });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    // A save or an engine-side change: show it, and forget any typed password.
    form.reset(toForm(settings));
  }, [settings, form]);
  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    const patch = toPatch(values, form.formState.dirtyFields as Dirty);
    try {
      const next = await api.call('settings.update', patch);
      client.setQueriesData({ queryKey: keys.settings }, next);
      await client.invalidateQueries({ queryKey: keys.overview });
      form.reset(toForm(next));
      setSaved(true);
    } catch (error) {
      form.setError('root', { message: errorText(error) });
    }
  });
  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate aria-label={t('config.title')}>
      <StoreSection form={form} settings={settings} />
      <MappingSection form={form} statuses={statuses} />
      <ErpSection form={form} />
      <ScheduleAndMore form={form} />
      <div className="save-bar">
        <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
          {t('common.save')}
        </button>
        {saved && !form.formState.isDirty && <span role="status" className="ok-text">{t('config.saved')}</span>}
        {form.formState.errors.root?.message && (
          <span role="alert" className="error-text">{form.formState.errors.root.message}</span>
        )}
      </div>
    </form>
  );
};

export const ConfiguracoesScreen = () => {
  const settings = useSettings();
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{t('config.title')}</h1>
      </header>
      <QueryState isLoading={settings.isLoading} error={settings.error}>
        {settings.data && <SettingsEditor settings={settings.data} />}
      </QueryState>
    </div>
  );
};
