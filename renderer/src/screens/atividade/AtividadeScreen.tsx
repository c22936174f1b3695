import { t } from '../../i18n/messages.ts';

export const AtividadeScreen = () => (
  <div className="screen">
    <h1>{t('nav.atividade')}</h1>
  </div>
);
