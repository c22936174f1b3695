import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { JOB_NAMES, type Settings, type StoreStatusOption } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { keys, useCall, useSettings } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorText, QueryState } from '../../components/QueryState.tsx';
import { t } from '../../i18n/messages.ts';
import { useLeaveGuard } from '../../router.ts';
import { DatabaseSection } from './DatabaseSection.tsx';
import { changesStoreAccess } from '../../../../shared/api/demo.ts';
import { DemoSection, useLeaveDemo } from './DemoSection.tsx';
import { ErpSection } from './ErpSection.tsx';
import { Field } from './Field.tsx';
import { StoreFields } from './StoreFields.tsx';
import { sameAccess, StoreSection, typedAccess, type TypedAccess } from './StoreSection.tsx';
import { suggestStoreStatus } from './suggest.ts';
import { dirtyPaths, toForm, toPatch, type Dirty, type SettingsForm } from './settingsForm.ts';

type Form = UseFormReturn<SettingsForm>;

const MappingSection = ({ form, statuses }: { form: Form; statuses: StoreStatusOption[] }) => {
  const rows = form.watch('mapping');
  return (
    <fieldset>
      <legend>
        <h2>{t('config.mapping')}</h2>
      </legend>
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
                        {t('config.statusOption', { name: s.name, id: s.id })}
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
        <legend>
          <h2>{t('config.schedule')}</h2>
        </legend>
        <div className="form-grid">
          {JOB_NAMES.map((job) => (
            <Field key={job} id={`${id}-${job}`} label={t('config.scheduleFor', { job: t(`job.${job}`) })}>
              <input id={`${id}-${job}`} type="number" min={0} step={1} {...register(`schedule.${job}`, { valueAsNumber: true })} />
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>
          <h2>{t('config.catalogSection')}</h2>
        </legend>
        <div className="form-grid">
          <Field id={`${id}-buffer`} label={t('config.stockBuffer')}>
            <input id={`${id}-buffer`} type="number" min={0} {...register('safetyBuffer', { valueAsNumber: true })} />
          </Field>
          <Field id={`${id}-drop`} label={t('config.priceDrop')}>
            <input id={`${id}-drop`} type="number" min={0} max={100} {...register('priceDropConfirmPercent', { valueAsNumber: true })} />
          </Field>
        </div>
        <label className="check block-check">
          <input type="checkbox" aria-describedby={`${id}-wedding-hint`} {...register('weddingListsWithoutLookup')} />
          {t('config.weddingListsWithoutLookup')}
        </label>
        <p id={`${id}-wedding-hint`} className="hint">{t('config.weddingListsWithoutLookupHint')}</p>
      </fieldset>
      <fieldset>
        <legend>
          <h2>{t('config.exportSection')}</h2>
        </legend>
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
        </div>
      </fieldset>
      <fieldset>
        <legend>
          <h2>{t('config.notifications')}</h2>
        </legend>
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
        <legend>
          <h2>{t('config.system')}</h2>
        </legend>
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
  const lastTest = useCall('store.lastTest', undefined);
  // The store's statuses live, or from the last test that worked when the store cannot be asked now.
  const statuses = statusesQuery.data ?? lastTest.data?.statuses ?? [];
  const form = useForm<SettingsForm>({ defaultValues: toForm(settings) });
  const [saved, setSaved] = useState<'ok' | 'untested' | null>(null);
  const [tested, setTested] = useState<TypedAccess | null>(null);
  const [askUntested, setAskUntested] = useState(false);
  const leaveDemo = useLeaveDemo();
  const dirty = form.formState.isDirty;
  const guard = useLeaveGuard(dirty);
  useEffect(() => {
    // The settings came again (a save, or an engine-side change such as an authorisation saved):
    // show them, but keep what the merchant typed and has not saved yet, field by field; a save
    // has reset the form itself before (so a saved password is forgotten). Not react-hook-form's
    // keepDirtyValues: it leaves the untouched selects showing their first option instead of the
    // saved value, which then go out as changes.
    const typed = dirtyPaths(form.formState.dirtyFields).map((path) => [path, form.getValues(path)] as const);
    form.reset(toForm(settings));
    for (const [path, value] of typed) form.setValue(path, value, { shouldDirty: true });
  }, [settings, form]);
  const save = async (values: SettingsForm) => {
    setSaved(null);
    let patch = toPatch(values, form.formState.dirtyFields as Dirty);
    const untested = patch.store?.password !== undefined && !sameAccess(tested, typedAccess(values));
    try {
      if (settings.demo && changesStoreAccess(patch)) {
        // The demo's engine takes no other store: leave it first (asked), then save on the new one.
        if (!(await leaveDemo.offDemo('ownStore'))) return;
        // Off the demo the store starts empty: the access the form shows is the merchant's, typed or not.
        patch = { ...patch, store: { ...typedAccess(values), ...patch.store } };
      }
      const next = await api.call('settings.update', patch);
      client.setQueriesData({ queryKey: keys.settings }, next);
      await client.invalidateQueries({ queryKey: keys.overview });
      form.reset(toForm(next));
      setSaved(untested ? 'untested' : 'ok');
    } catch (error) {
      form.setError('root', { message: errorText(error) });
    }
  };
  const onSubmit = form.handleSubmit(async (values) => {
    // A password the store never accepted is saved only when the merchant says so.
    if (values.password !== '' && form.formState.dirtyFields.password && !sameAccess(tested, typedAccess(values))) {
      setAskUntested(true);
      return;
    }
    await save(values);
  });
  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate aria-label={t('config.title')}>
      <StoreSection form={form} settings={settings} onTested={setTested} />
      <MappingSection form={form} statuses={statuses} />
      <ErpSection form={form} />
      <DatabaseSection form={form} settings={settings} />
      <ScheduleAndMore form={form} />
      <div className="save-bar">
        <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
          {t('common.save')}
        </button>
        {dirty && <span className="warn-text">{t('config.unsaved')}</span>}
        {saved && !dirty && (
          <span role="status" className={saved === 'ok' ? 'ok-text' : 'warn-text'}>
            {saved === 'ok' ? t('config.saved') : t('config.savedUntested')}
          </span>
        )}
        {form.formState.errors.root?.message && (
          <span role="alert" className="error-text">{form.formState.errors.root.message}</span>
        )}
      </div>
      {leaveDemo.dialog}
      {askUntested && (
        <ConfirmDialog
          title={t('config.untestedTitle')}
          body={t('config.untestedBody')}
          confirmLabel={t('config.untestedConfirm')}
          onConfirm={() => {
            setAskUntested(false);
            void save(form.getValues());
          }}
          onCancel={() => setAskUntested(false)}
        />
      )}
      {guard.pending !== null && (
        <ConfirmDialog
          title={t('config.leaveTitle')}
          body={t('config.leaveBody')}
          confirmLabel={t('config.leaveConfirm')}
          danger
          onConfirm={guard.leave}
          onCancel={guard.stay}
        />
      )}
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
        {settings.data && <DemoSection demo={settings.data.demo} />}
        {settings.data && <SettingsEditor settings={settings.data} />}
        {settings.data && <StoreFields settings={settings.data} />}
      </QueryState>
    </div>
  );
};
