/** "Como conectar": Tray's SOAP WebService or its REST API (the store section shows the fields of the one picked). */
import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { t } from '../../i18n/messages.ts';
import type { SettingsForm } from './settingsForm.ts';

export const TransportChoice = ({ form }: { form: UseFormReturn<SettingsForm> }) => {
  const id = useId();
  const options = [
    { value: 'soap', label: t('rest.soap'), hint: t('rest.soapHint') },
    { value: 'rest', label: t('rest.rest'), hint: t('rest.restHint') },
  ] as const;
  return (
    <fieldset className="transport-choice">
      <legend>{t('rest.how')}</legend>
      {options.map((o) => (
        <label key={o.value} className="check block-check">
          <input type="radio" value={o.value} aria-describedby={`${id}-${o.value}`} {...form.register('transport')} />
          <span>
            {o.label}
            <span className="hint" id={`${id}-${o.value}`}>
              {' '}— {o.hint}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
};
