import { useEffect, useId, useState } from 'react';
import { useCall } from '../../api/queries.ts';
import { DateField } from '../../components/DateField.tsx';
import { t } from '../../i18n/messages.ts';
import type { OrderFilters as Filters } from './useOrderPages.ts';

const TEXT_DELAY_MS = 300;

/** Status, period, text, "sem rastreio", "não exportados": each change becomes a new orders.list query. */
export const OrderFilters = ({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) => {
  const statuses = useCall('store.statuses', undefined);
  const id = useId();
  const [text, setText] = useState(value.text ?? '');
  useEffect(() => {
    const current = value.text ?? '';
    if (text.trim() === current) return;
    const timer = setTimeout(() => {
      const { text: _old, ...rest } = value;
      onChange(text.trim() ? { ...rest, text: text.trim() } : rest);
    }, TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);

  const set = <K extends keyof Filters>(key: K, next: Filters[K] | undefined) => {
    const copy: Filters = { ...value };
    if (next === undefined || next === '' || next === false) delete copy[key];
    else copy[key] = next;
    onChange(copy);
  };
  const selectedStatus = value.statusIds?.[0];

  return (
    <form className="filters" role="search" aria-label={t('pedidos.filters')} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-status`}>{t('pedidos.status')}</label>
      <select
        id={`${id}-status`}
        value={selectedStatus === undefined ? '' : String(selectedStatus)}
        onChange={(e) => set('statusIds', e.target.value === '' ? undefined : [Number(e.target.value)])}
      >
        <option value="">{t('common.all')}</option>
        {(statuses.data ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <DateField id={`${id}-from`} label={t('pedidos.from')} value={value.from ?? ''} onChange={(iso) => set('from', iso || undefined)} />
      <DateField id={`${id}-to`} label={t('pedidos.to')} value={value.to ?? ''} onChange={(iso) => set('to', iso || undefined)} />
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('pedidos.text')}
      </label>
      <input
        id={`${id}-text`}
        type="search"
        className="grow"
        placeholder={t('pedidos.text')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <label className="check">
        <input type="checkbox" checked={value.noTracking ?? false} onChange={(e) => set('noTracking', e.target.checked)} />
        {t('pedidos.noTracking')}
      </label>
      <label className="check">
        <input type="checkbox" checked={value.notExported ?? false} onChange={(e) => set('notExported', e.target.checked)} />
        {t('pedidos.notExported')}
      </label>
      <button
        type="button"
        onClick={() => {
          setText('');
          onChange({});
        }}
      >
        {t('pedidos.clear')}
      </button>
    </form>
  );
};
