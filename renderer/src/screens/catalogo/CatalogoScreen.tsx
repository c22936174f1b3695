import { t } from '../../i18n/messages.ts';

export const CatalogoScreen = () => (
  <div className="screen">
    <h1>{t('nav.catalogo')}</h1>
  </div>
);
