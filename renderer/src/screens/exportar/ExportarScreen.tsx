import { t } from '../../i18n/messages.ts';

export const ExportarScreen = () => (
  <div className="screen">
    <h1>{t('nav.exportar')}</h1>
  </div>
);
