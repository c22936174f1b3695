/**
 * The ERP's database server, when the source is "Banco de dados": its kind and connection fields,
 * "Testar conexão" on the form as typed, one query per entity with "Pré-visualizar", and the
 * optional order writes (a read-only user works: orders then go to files). Saved with the rest of
 * the settings; the password is write-only, like the store's.
 */
import { useId, useState } from 'react';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import type { UseFormReturn } from 'react-hook-form';
import {
  ERP_DB_PORTS,
  ERP_FIREBIRD_CHARSETS,
  ERP_READ_KEYS,
  ERP_WRITE_KEYS,
  type ErpConnectionTestResult,
  type ErpDatabaseCandidate,
  type ErpDbDriver,
  type ErpPreview,
  type ErpReadKey,
  type Settings,
} from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { errorText } from '../../components/QueryState.tsx';
import { t, type MessageKey } from '../../i18n/messages.ts';
import { Field } from './Field.tsx';
import { erpDbOf, type SettingsForm } from './settingsForm.ts';

type Form = UseFormReturn<SettingsForm>;

const entityLabel = (key: ErpReadKey): string => t(`erpdb.entity.${key}` as MessageKey);

/** The form as typed; the password only when one was typed (else the engine uses the saved one). */
const candidateOf = (form: Form): ErpDatabaseCandidate => {
  const { erpDb, erpDbPassword } = form.getValues();
  return { ...erpDbOf(erpDb), ...(erpDbPassword !== '' && { password: erpDbPassword }) };
};

const TestReport = ({ result }: { result: ErpConnectionTestResult }) => (
  <div className="connection-report" role="status" aria-label={t('config.test')}>
    <p className={result.ok ? 'ok-text' : 'error-text'}>
      {!result.ok && <strong>{t('erpdb.testFailed')}: </strong>}
      {result.message}
    </p>
    {result.queries.length > 0 && (
      <ul className="caps">
        {result.queries.map((q) => (
          <li key={q.entity} className={q.ok ? '' : 'warn-text'}>
            {t(pluralKey('erpdb.testRows', q.rows), { query: entityLabel(q.entity), rows: q.rows })}
          </li>
        ))}
      </ul>
    )}
    {result.ok && !result.writes && <p className="hint warn-text">{t('erpdb.readOnly')}</p>}
  </div>
);

const PreviewTable = ({ preview }: { preview: ErpPreview }) => {
  const entity = entityLabel(preview.entity);
  if (preview.failure) return <p role="alert" className="error-text">{preview.failure.message}</p>;
  return (
    <div className="erp-preview" role="region" aria-label={t(pluralKey('erpdb.previewCaption', preview.fetched), { entity, rows: preview.fetched })}>
      {preview.rows.length === 0 ? (
        <p className="hint">{t('erpdb.previewNone')}</p>
      ) : (
        // Focusable, so the keyboard can scroll a query with many columns sideways.
        <div className="table-scroll" tabIndex={0} role="group" aria-label={t(pluralKey('erpdb.previewCaption', preview.fetched), { entity, rows: preview.fetched })}>
          <table className="table compact">
            <caption>{t(pluralKey('erpdb.previewCaption', preview.fetched), { entity, rows: preview.fetched })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('erpdb.previewRow')}</th>
                {preview.columns.map((c) => (
                  <th key={c.field} scope="col">{c.header}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  {preview.columns.map((c) => (
                    <td key={c.field}>{r.values[c.field]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>{t('erpdb.problems', { count: preview.problems.length })}</h4>
      {preview.problems.length === 0 ? (
        <p className="hint ok-text">{t('erpdb.noProblems')}</p>
      ) : (
        <ul className="problems" aria-label={t('erpdb.problems', { count: preview.problems.length })}>
          {preview.problems.map((p, i) => (
            <li key={i} className="error-text">{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
};

const QueryEditor = ({ form, entity }: { form: Form; entity: ErpReadKey }) => {
  const id = useId();
  const api = useApi();
  const [preview, setPreview] = useState<ErpPreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sql = form.watch(`erpDb.read.${entity}`);
  const label = entityLabel(entity);
  const run = async () => {
    setBusy(true);
    setFailure(null);
    setPreview(null);
    try {
      setPreview(await api.call('erp.preview', { database: candidateOf(form), entity, sql: form.getValues(`erpDb.read.${entity}`) }));
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="query-editor" open={entity === 'products'}>
      <summary>
        {label} {sql.trim() === '' && <span className="hint">{t('erpdb.blank')}</span>}
      </summary>
      <label htmlFor={`${id}-sql`}>{t('erpdb.query', { entity: label })}</label>
      <textarea id={`${id}-sql`} rows={4} spellCheck={false} {...form.register(`erpDb.read.${entity}`)} />
      {entity === 'products' && (
        <Field id={`${id}-change`} label={t('erpdb.changeColumn')} hint={t('erpdb.changeColumnHelp')}>
          <input id={`${id}-change`} aria-describedby={`${id}-change-hint`} {...form.register('erpDb.productsChangeColumn')} />
        </Field>
      )}
      <div className="actions">
        <button type="button" onClick={() => void run()} disabled={busy || sql.trim() === ''} aria-label={`${t('erpdb.preview')}: ${label}`}>
          {busy ? t('erpdb.previewing') : t('erpdb.preview')}
        </button>
      </div>
      {failure && <p role="alert" className="error-text">{failure}</p>}
      {preview && <PreviewTable preview={preview} />}
    </details>
  );
};

export const DatabaseSection = ({ form, settings }: { form: Form; settings: Settings }) => {
  const id = useId();
  const api = useApi();
  const [result, setResult] = useState<ErpConnectionTestResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const kind = form.watch('erpKind');
  const driver = form.watch('erpDb.driver');
  if (kind !== 'sql') return null;

  const fillStarting = async (next: ErpDbDriver) => {
    if (next === 'sqlite') return;
    try {
      const mapping = await api.call('erp.startingMapping', { driver: next });
      for (const key of ERP_READ_KEYS) form.setValue(`erpDb.read.${key}`, mapping.read[key], { shouldDirty: true });
      for (const key of ERP_WRITE_KEYS) form.setValue(`erpDb.write.${key}`, mapping.write[key], { shouldDirty: true });
      form.setValue('erpDb.productsChangeColumn', mapping.productsChangeColumn, { shouldDirty: true });
    } catch (error) {
      setFailure(errorText(error));
    }
  };
  const changeDriver = (next: ErpDbDriver) => {
    const before = form.getValues('erpDb');
    form.setValue('erpDb.driver', next, { shouldDirty: true });
    setResult(null);
    // The standard port follows the kind unless the merchant typed another one.
    const standard = Object.values(ERP_DB_PORTS) as number[];
    if (next !== 'sqlite' && standard.includes(Number(before.port))) form.setValue('erpDb.port', ERP_DB_PORTS[next], { shouldDirty: true });
    const blank = ERP_READ_KEYS.every((k) => before.read[k].trim() === '');
    if (blank) void fillStarting(next);
  };
  const test = async () => {
    setTesting(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await api.call('erp.testConnection', candidateOf(form)));
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setTesting(false);
    }
  };
  const { register } = form;
  const firebird = driver === 'firebird';
  return (
    <fieldset className="database-section">
      <legend>
        <h2>{t('erpdb.title')}</h2>
      </legend>
      <div className="form-grid">
        <Field id={`${id}-driver`} label={t('erpdb.driver')}>
          <select id={`${id}-driver`} value={driver} onChange={(e) => changeDriver(e.target.value as ErpDbDriver)}>
            <option value="sqlite">{t('erpdb.sqlite')}</option>
            <option value="firebird">{t('erpdb.firebird')}</option>
            <option value="postgres">{t('erpdb.postgres')}</option>
            <option value="mysql">{t('erpdb.mysql')}</option>
          </select>
        </Field>
      </div>
      {driver === 'sqlite' ? (
        <p className="hint">{t('erpdb.sqliteHelp')}</p>
      ) : (
        <>
          <div className="form-grid">
            <Field id={`${id}-host`} label={t('erpdb.host')}>
              <input id={`${id}-host`} autoComplete="off" placeholder="localhost" {...register('erpDb.host')} />
            </Field>
            <Field id={`${id}-port`} label={t('erpdb.port')} hint={t('erpdb.portHelp', { port: ERP_DB_PORTS[driver] })}>
              <input id={`${id}-port`} type="number" min={1} max={65535} aria-describedby={`${id}-port-hint`} {...register('erpDb.port', { valueAsNumber: true })} />
            </Field>
            <Field
              id={`${id}-database`}
              label={firebird ? t('erpdb.databaseFirebird') : t('erpdb.database')}
              hint={firebird ? t('erpdb.databaseFirebirdHelp') : undefined}
              wide={firebird}
            >
              <input id={`${id}-database`} autoComplete="off" {...(firebird && { 'aria-describedby': `${id}-database-hint` })} {...register('erpDb.database')} />
            </Field>
            <Field id={`${id}-user`} label={t('erpdb.user')}>
              <input id={`${id}-user`} autoComplete="off" {...register('erpDb.user')} />
            </Field>
            <Field id={`${id}-password`} label={t('erpdb.password')} hint={settings.erpDatabase.hasPassword ? t('config.passwordStored') : t('config.passwordNone')}>
              <input
                id={`${id}-password`}
                type="password"
                autoComplete="new-password"
                aria-describedby={`${id}-password-hint`}
                placeholder={settings.erpDatabase.hasPassword ? '••••••••' : ''}
                {...register('erpDbPassword')}
              />
            </Field>
            {firebird && (
              <>
                <Field id={`${id}-charset`} label={t('erpdb.charset')} hint={t('erpdb.charsetHelp')}>
                  <select id={`${id}-charset`} aria-describedby={`${id}-charset-hint`} {...register('erpDb.charset', { setValueAs: (v: string | null) => v || null })}>
                    <option value="">{t('erpdb.charsetPick')}</option>
                    {ERP_FIREBIRD_CHARSETS.map((c) => (
                      <option key={c} value={c}>{c}</option>
                    ))}
                  </select>
                </Field>
                <Field id={`${id}-wire`} label={t('erpdb.wireCrypt')}>
                  <select id={`${id}-wire`} {...register('erpDb.wireCrypt')}>
                    <option value="enabled">{t('erpdb.wireCryptOn')}</option>
                    <option value="disabled">{t('erpdb.wireCryptOff')}</option>
                  </select>
                </Field>
                <Field id={`${id}-auth`} label={t('erpdb.auth')}>
                  <select id={`${id}-auth`} {...register('erpDb.auth')}>
                    <option value="srp">{t('erpdb.authSrp')}</option>
                    <option value="legacy">{t('erpdb.authLegacy')}</option>
                  </select>
                </Field>
              </>
            )}
          </div>
          <div className="actions">
            <button type="button" onClick={() => void test()} disabled={testing} aria-describedby={`${id}-test-hint`}>
              {testing ? t('config.testing') : t('config.test')}
            </button>
            <span className="hint" id={`${id}-test-hint`}>{t('erpdb.testHint')}</span>
          </div>
          {failure && <p role="alert" className="error-text">{failure}</p>}
          {result && <TestReport result={result} />}
          <h3>{t('erpdb.queries')}</h3>
          <p className="hint">{t('erpdb.queriesHelp')}</p>
          <div className="actions">
            <button type="button" className="small" onClick={() => void fillStarting(driver)}>
              {t('erpdb.starting')}
            </button>
          </div>
          {ERP_READ_KEYS.map((key) => (
            <QueryEditor key={key} form={form} entity={key} />
          ))}
          <h3>{t('erpdb.writes')}</h3>
          <p className="hint">{t('erpdb.writesHelp')}</p>
          {ERP_WRITE_KEYS.map((key) => (
            <div className="field field-wide" key={key}>
              <label htmlFor={`${id}-w-${key}`}>{t(`erpdb.write.${key}` as MessageKey)}</label>
              <textarea id={`${id}-w-${key}`} rows={key === 'order' ? 4 : 2} spellCheck={false} {...register(`erpDb.write.${key}`)} />
            </div>
          ))}
        </>
      )}
    </fieldset>
  );
};
