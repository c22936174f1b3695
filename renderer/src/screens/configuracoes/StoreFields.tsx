/**
 * "Campos da loja": the store's WSDL field names against the ones Ponte reads, type by type (from
 * the last connection test that worked), with the suggested store field for each one not found and
 * a field-map editor to accept it. The map is saved on its own (settings patch `fieldMap`), then
 * the saved access is tested again so the comparison shows the map's effect.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Settings, StoreFieldMap } from '../../../../shared/api/contract.ts';
import type { StoreFieldCheck, StoreFieldReport, StoreTypeReport } from '../../../../shared/api/store-fields.ts';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import { useApi } from '../../api/context.tsx';
import { keys, useCall } from '../../api/queries.ts';
import { errorText } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../format.ts';
import { t, type MessageKey } from '../../i18n/messages.ts';

/** Same rule as the engine's schema (StoreFieldMapSchema): checked here so the merchant sees it at once. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export interface MapEntry {
  type: string;
  field: string;
  storeField: string;
}

export const entriesOf = (map: StoreFieldMap): MapEntry[] =>
  Object.entries(map).flatMap(([type, fields]) => Object.entries(fields).map(([field, storeField]) => ({ type, field, storeField })));

/** The entries as the settings patch takes them, or the pt-BR problem of the first bad entry. */
export const mapOf = (entries: MapEntry[]): { map: StoreFieldMap } | { error: string } => {
  const map: StoreFieldMap = {};
  for (const [i, e] of entries.entries()) {
    const storeField = e.storeField.trim();
    if (!e.type || !e.field) return { error: t('fields.errorIncomplete', { n: i + 1 }) };
    if (!FIELD_NAME.test(storeField)) return { error: t('fields.errorName', { n: i + 1, name: storeField || '—' }) };
    if (map[e.type]?.[e.field] !== undefined) return { error: t('fields.errorDuplicate', { n: i + 1, field: `${e.type}.${e.field}` }) };
    (map[e.type] ??= {})[e.field] = storeField;
  }
  return { map };
};

const TYPE_LABELS = ['Retorno', 'Pedido', 'ItemPedido', 'ParcelaPedido', 'ClienteAvancado', 'Produto', 'Categoria', 'Marca', 'Caracteristica', 'StatusPedido', 'FormaPagamento'];
export const typeLabel = (type: string): string => (TYPE_LABELS.includes(type) ? t(`fields.type.${type}` as MessageKey) : type);

const matchText = (c: StoreFieldCheck): string =>
  c.match === 'matched'
    ? t('fields.matched')
    : c.match === 'alias'
      ? t('fields.alias', { name: c.storeField ?? '' })
      : c.match === 'map'
        ? t('fields.viaMap', { name: c.storeField ?? '' })
        : c.mappedTo
          ? t('fields.mappedMissing', { name: c.mappedTo })
          : c.required
            ? t('fields.missingRequired')
            : t('fields.missingOptional');

const TypeTable = ({ report, onAccept, pending }: { report: StoreTypeReport; onAccept: (c: StoreFieldCheck) => void; pending: (c: StoreFieldCheck) => boolean }) => {
  const notExact = report.fields.filter((f) => f.match !== 'matched');
  const exact = report.fields.length - notExact.length;
  const title = `${typeLabel(report.type)} (${report.storeType ?? '—'})`;
  return (
    <section className="store-fields-type" aria-label={title}>
      <h3>
        {title}{' '}
        {report.missingRequired.length > 0 ? (
          <span className="error-text">{t(pluralKey('fields.typeMissing', report.missingRequired.length), { n: report.missingRequired.length })}</span>
        ) : (
          <span className="ok-text">{t('fields.typeOk')}</span>
        )}
      </h3>
      <p className="hint">{t('fields.exactCount', { n: exact, total: report.fields.length })}</p>
      {notExact.length > 0 && (
        <table className="table compact">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.ours')}</th>
              <th scope="col">{t('fields.state')}</th>
              <th scope="col">{t('fields.suggestion')}</th>
            </tr>
          </thead>
          <tbody>
            {notExact.map((c) => (
              <tr key={c.field} className={c.match === 'missing' && c.required ? 'row-error' : ''}>
                <td>
                  <code>{c.field}</code>
                  {c.required && <span className="hint"> {t('fields.requiredMark')}</span>}
                </td>
                <td className={c.match === 'missing' ? (c.required ? 'error-text' : 'warn-text') : ''}>{matchText(c)}</td>
                <td>
                  {c.match === 'missing' && c.suggestion ? (
                    pending(c) ? (
                      <span className="ok-text">{t('fields.accepted', { name: c.suggestion })}</span>
                    ) : (
                      <button type="button" onClick={() => onAccept(c)} aria-label={t('fields.acceptLabel', { field: `${report.type}.${c.field}`, name: c.suggestion })}>
                        {t('fields.accept', { name: c.suggestion })}
                      </button>
                    )
                  ) : c.match === 'missing' ? (
                    <span className="hint">{t('fields.noSuggestion')}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.extra.length > 0 && <p className="hint">{t('fields.extra', { names: report.extra.join(', ') })}</p>}
    </section>
  );
};

const MapEditor = ({ entries, setEntries, report }: { entries: MapEntry[]; setEntries: (e: MapEntry[]) => void; report: StoreFieldReport | null }) => {
  const id = useId();
  const types = report?.types.map((r) => r.type) ?? [...new Set(entries.map((e) => e.type))];
  const fieldsOf = (type: string): string[] => report?.types.find((r) => r.type === type)?.fields.map((f) => f.field) ?? entries.filter((e) => e.type === type).map((e) => e.field);
  const storeFieldsOf = (type: string): string[] => {
    const r = report?.types.find((x) => x.type === type);
    return r ? [...new Set([...r.extra, ...r.fields.flatMap((f) => (f.storeField ? [f.storeField] : []))])].sort() : [];
  };
  const update = (i: number, patch: Partial<MapEntry>) => setEntries(entries.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <div className="field-map-editor">
      <h3 id={`${id}-title`}>{t('fields.mapTitle')}</h3>
      {entries.length === 0 ? (
        <p className="hint">{t('fields.mapEmpty')}</p>
      ) : (
        <table className="table compact" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{t('fields.mapType')}</th>
              <th scope="col">{t('fields.ours')}</th>
              <th scope="col">{t('fields.storeField')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('fields.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i}>
                <td>
                  <select aria-label={t('fields.mapTypeN', { n: i + 1 })} value={e.type} onChange={(ev) => update(i, { type: ev.target.value, field: '' })}>
                    <option value="">—</option>
                    {types.map((ty) => (
                      <option key={ty} value={ty}>
                        {typeLabel(ty)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select aria-label={t('fields.oursN', { n: i + 1 })} value={e.field} onChange={(ev) => update(i, { field: ev.target.value })}>
                    <option value="">—</option>
                    {fieldsOf(e.type).map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={t('fields.storeFieldN', { n: i + 1 })}
                    value={e.storeField}
                    list={`${id}-store-${i}`}
                    autoComplete="off"
                    onChange={(ev) => update(i, { storeField: ev.target.value })}
                  />
                  <datalist id={`${id}-store-${i}`}>
                    {storeFieldsOf(e.type).map((f) => (
                      <option key={f} value={f} />
                    ))}
                  </datalist>
                </td>
                <td>
                  <button type="button" onClick={() => setEntries(entries.filter((_, j) => j !== i))} aria-label={t('fields.removeN', { n: i + 1 })}>
                    {t('fields.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => setEntries([...entries, { type: '', field: '', storeField: '' }])}>
        {t('fields.add')}
      </button>
    </div>
  );
};

export const StoreFields = ({ settings }: { settings: Settings }) => {
  const api = useApi();
  const client = useQueryClient();
  const lastTest = useCall('store.lastTest', undefined);
  const saved = useMemo(() => entriesOf(settings.fieldMap), [settings.fieldMap]);
  const [entries, setEntries] = useState<MapEntry[]>(saved);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setEntries(saved), [saved]);
  const report = lastTest.data?.fields ?? null;
  const dirty = JSON.stringify(entries) !== JSON.stringify(saved);
  const pending = (type: string) => (c: StoreFieldCheck) => entries.some((e) => e.type === type && e.field === c.field && e.storeField === c.suggestion);
  const accept = (type: string, c: StoreFieldCheck) => {
    if (!c.suggestion) return;
    const rest = entries.filter((e) => !(e.type === type && e.field === c.field));
    setEntries([...rest, { type, field: c.field, storeField: c.suggestion }]);
  };
  const suggestions = report?.types.flatMap((r) => r.fields.filter((f) => f.match === 'missing' && f.suggestion && !pending(r.type)(f)).map((f) => ({ type: r.type, check: f }))) ?? [];
  const acceptAll = () => {
    let next = entries;
    for (const s of suggestions) next = [...next.filter((e) => !(e.type === s.type && e.field === s.check.field)), { type: s.type, field: s.check.field, storeField: s.check.suggestion! }];
    setEntries(next);
  };
  const save = async () => {
    const checked = mapOf(entries);
    if ('error' in checked) {
      setMessage({ ok: false, text: checked.error });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const next = await api.call('settings.update', { fieldMap: checked.map });
      client.setQueriesData({ queryKey: keys.settings }, next);
      // Compare again with the map in force (the saved access): the table shows what it changed.
      const retest = await api.call('store.testConnection', {});
      await client.invalidateQueries({ queryKey: keys.lastTest });
      await client.invalidateQueries({ queryKey: keys.overview });
      setMessage(retest.ok ? { ok: true, text: t('fields.saved') } : { ok: false, text: t('fields.savedUntested', { message: retest.message }) });
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  const declared = report?.types.filter((r) => r.storeType !== null) ?? [];
  const missing = declared.reduce((n, r) => n + r.missingRequired.length, 0);
  return (
    <section className="settings-section store-fields" aria-labelledby="store-fields-title">
      <h2 id="store-fields-title">{t('fields.title')}</h2>
      <p className="hint">{t('fields.help')}</p>
      {!report ? (
        <p className="hint">{t('fields.noReport')}</p>
      ) : declared.length === 0 ? (
        <p className="warn-text">{t('fields.noTypes')}</p>
      ) : (
        <>
          <p role="status" className={missing > 0 ? 'error-text' : 'ok-text'}>
            {missing > 0 ? t(pluralKey('fields.summaryMissing', missing), { n: missing }) : t('fields.summaryOk')} {lastTest.data && t('fields.when', { when: formatDateTime(lastTest.data.at) })}
          </p>
          {suggestions.length > 1 && (
            <button type="button" onClick={acceptAll}>
              {t('fields.acceptAll', { n: suggestions.length })}
            </button>
          )}
          {declared
            .filter((r) => r.fields.some((f) => f.match !== 'matched') || r.extra.length > 0)
            .map((r) => (
              <TypeTable key={r.type} report={r} onAccept={(c) => accept(r.type, c)} pending={pending(r.type)} />
            ))}
          <p className="hint">
            {t('fields.allExact', {
              types: declared
                .filter((r) => r.fields.every((f) => f.match === 'matched') && r.extra.length === 0)
                .map((r) => typeLabel(r.type))
                .join(', ') || '—',
            })}
          </p>
        </>
      )}
      <MapEditor entries={entries} setEntries={setEntries} report={report} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void save()} disabled={busy || !dirty}>
          {busy ? t('fields.saving') : t('fields.save')}
        </button>
        {dirty && <span className="warn-text">{t('fields.unsaved')}</span>}
        {message && (
          <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok-text' : 'error-text'}>
            {message.text}
          </span>
        )}
      </div>
    </section>
  );
};
