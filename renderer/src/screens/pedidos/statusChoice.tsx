import { LOCAL_STATUSES, type LocalStatus, type Settings } from '../../../../shared/api/contract.ts';
import { t } from '../../i18n/messages.ts';

/** Local statuses the merchant mapped to a store status: the only ones that can be set. */
export const mappedStatuses = (settings: Settings | undefined): Settings['statusMapping'] =>
  (settings?.statusMapping ?? []).filter((m) => m.storeStatusId !== null);

export const defaultStatus = (settings: Settings | undefined): LocalStatus | '' =>
  mappedStatuses(settings).some((m) => m.local === 'enviado') ? 'enviado' : '';

export const StatusToSet = ({
  id,
  settings,
  value,
  onChange,
}: {
  id: string;
  settings: Settings | undefined;
  value: LocalStatus | '';
  onChange: (value: LocalStatus | '') => void;
}) => {
  const options = mappedStatuses(settings);
  const chosen = options.find((m) => m.local === value);
  return (
    <div className="field">
      <label htmlFor={id}>{t('tracking.status')}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(LOCAL_STATUSES.find((s) => s === e.target.value) ?? '')}
      >
        <option value="">{t('tracking.keepStatus')}</option>
        {options.map((m) => (
          <option key={m.local} value={m.local}>
            {t(`status.${m.local}`)}
          </option>
        ))}
      </select>
      {chosen && <p className="hint">{chosen.push ? t('tracking.statusEmails') : t('tracking.statusNoPush')}</p>}
    </div>
  );
};
