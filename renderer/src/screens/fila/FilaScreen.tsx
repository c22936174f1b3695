import { t } from '../../i18n/messages.ts';

export const FilaScreen = () => (
  <div className="screen">
    <h1>{t('nav.fila')}</h1>
  </div>
);
