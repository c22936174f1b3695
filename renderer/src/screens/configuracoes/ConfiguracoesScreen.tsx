import { t } from '../../i18n/messages.ts';

export const ConfiguracoesScreen = () => (
  <div className="screen">
    <h1>{t('nav.configuracoes')}</h1>
  </div>
);
