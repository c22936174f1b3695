/**
 * Where a click (notification, tray) takes the merchant. The window shows a screen by its hash
 * route, so opening one is a same-document navigation, never a reload.
 */
export type ScreenTarget =
  | { screen: 'overview' }
  | { screen: 'orders'; filter?: 'notExported' | 'noTracking' }
  | { screen: 'order'; id: number }
  | { screen: 'outbox' }
  | { screen: 'activity' }
  | { screen: 'catalog' }
  | { screen: 'settings' };

export const screenHash = (target: ScreenTarget): string => {
  switch (target.screen) {
    case 'overview':
      return '#/';
    case 'orders':
      return target.filter ? `#/pedidos?filtro=${target.filter}` : '#/pedidos';
    case 'order':
      return `#/pedidos/${target.id}`;
    case 'outbox':
      return '#/envios';
    case 'activity':
      return '#/atividade';
    case 'catalog':
      return '#/catalogo';
    case 'settings':
      return '#/configuracoes';
  }
};
