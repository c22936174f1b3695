import { defineMessages } from '../../shared/i18n/index.ts';

/** Texts of the tray icon, its menu and the desktop notifications. */
export const t = defineMessages({
  'tray.newOrders.one': { 'pt-BR': '1 pedido novo', en: '1 new order' },
  'tray.newOrders.many': { 'pt-BR': '{count} pedidos novos', en: '{count} new orders' },
  'tray.upToDate': { 'pt-BR': 'tudo em dia', en: 'all up to date' },
  'tray.syncing': { 'pt-BR': 'sincronizando…', en: 'syncing…' },
  'tray.paused': { 'pt-BR': 'pausado', en: 'paused' },
  'tray.attention': { 'pt-BR': 'atenção: {message}', en: 'attention: {message}' },
  'tray.problems': { 'pt-BR': '{count} problemas', en: '{count} problems' },
  'tray.storeError': { 'pt-BR': 'loja: {message}', en: 'store: {message}' },
  'tray.erpError': { 'pt-BR': 'ERP: {message}', en: 'ERP: {message}' },
  'tray.outboxFailed': { 'pt-BR': '{count} envios com falha', en: '{count} failed pushes' },
  'menu.open': { 'pt-BR': 'Abrir', en: 'Open' },
  'menu.syncNow': { 'pt-BR': 'Sincronizar agora', en: 'Sync now' },
  'menu.exportNew': { 'pt-BR': 'Exportar pedidos novos', en: 'Export new orders' },
  'menu.pause': { 'pt-BR': 'Pausar', en: 'Pause' },
  'menu.resume': { 'pt-BR': 'Retomar', en: 'Resume' },
  'menu.quit': { 'pt-BR': 'Sair', en: 'Quit' },
  'notify.newOrders.title': { 'pt-BR': 'Pedidos novos', en: 'New orders' },
  'notify.newOrders.body': { 'pt-BR': 'Clique para ver os pedidos.', en: 'Click to see the orders.' },
  'notify.failure.title': { 'pt-BR': 'Ponte: falha na sincronização', en: 'Ponte: sync failure' },
  'notify.closeToTray.title': { 'pt-BR': 'O Ponte continua rodando', en: 'Ponte is still running' },
  'notify.closeToTray.body': {
    'pt-BR':
      'Ele segue sincronizando na bandeja, perto do relógio. Para sair, use "Sair" no menu do ícone ou ative "Sair ao fechar" nas configurações.',
    en: 'It keeps syncing from the tray, near the clock. To quit, use "Quit" in the icon menu or turn on "Quit on close" in settings.',
  },
  'notify.export.title': { 'pt-BR': 'Exportação de pedidos', en: 'Order export' },
  'ipc.badName': { 'pt-BR': 'Operação desconhecida.', en: 'Unknown operation.' },
  'ipc.tooLarge': { 'pt-BR': 'Dados grandes demais (limite de {limit} bytes).', en: 'Data too large (limit {limit} bytes).' },
  'ipc.notJson': { 'pt-BR': 'Dados em formato não suportado.', en: 'Unsupported data format.' },
  'ipc.untrusted': { 'pt-BR': 'Chamada recusada: origem não confiável.', en: 'Call refused: untrusted origin.' },
});

export const newOrdersText = (count: number): string =>
  count === 1 ? t('tray.newOrders.one') : t('tray.newOrders.many', { count });
