import { defineMessages } from '../../../shared/i18n/index.ts';

export const t = defineMessages({
  'run.aborted.auth': {
    'pt-BR': 'A loja recusou o acesso: {cause}. Verifique loja, login e senha em Configurações.',
    en: 'The store refused access: {cause}. Check store, login and password in Settings.',
  },
  'run.aborted.unreachable': {
    'pt-BR': 'A loja não respondeu ({cause}); nova tentativa mais tarde.',
    en: 'The store did not answer ({cause}); retrying later.',
  },
  'catalog.categoryTwin': {
    'pt-BR': 'Categoria {key}: "{name}" é, para a loja, o mesmo nome da categoria {other} sob a mesma categoria pai (a loja não distingue maiúsculas, acentos e espaços); renomeie uma delas no ERP.',
    en: 'Category {key}: to the store, "{name}" is the same name as category {other} under the same parent (the store ignores case, accents and spaces); rename one of them in the ERP.',
  },
  'catalog.parentMissing': {
    'pt-BR': 'Categoria {key}: a categoria pai "{parent}" não foi enviada à loja.',
    en: 'Category {key}: parent category "{parent}" was not sent to the store.',
  },
  'catalog.recordFailed': {
    'pt-BR': '{entity} {key}: {cause}',
    en: '{entity} {key}: {cause}',
  },
  'catalog.unknownOutcome': {
    'pt-BR': 'a loja não confirmou o cadastro; será conferido antes de tentar de novo',
    en: 'the store did not confirm the creation; it will be checked before trying again',
  },
  'catalog.priceHeld': {
    'pt-BR': 'Produto {sku}: preço caiu {percent} (de {from} para {to}); aguardando sua confirmação.',
    en: 'Product {sku}: price dropped {percent} (from {from} to {to}); awaiting your confirmation.',
  },
  'catalog.weddingListUnsearchable': {
    'pt-BR':
      'a lista de casamento "{name}" não foi cadastrada: esta loja não permite consultar as listas que já tem, e pode já ter esta. Confira no painel da Tray; para cadastrar as que faltam, ative "Cadastrar listas de casamento sem conferir" em Configurações',
    en: 'wedding list "{name}" was not created: this store cannot be searched for its lists and may already have it. Check in Tray\'s panel; to create the missing ones, turn on "Create wedding lists without checking" in Settings',
  },
  'catalog.weddingListInDoubt': {
    'pt-BR':
      'a loja não respondeu ao cadastro da lista de casamento "{name}" e não permite consultar suas listas: ela não será enviada de novo sem conferência. Confira no painel da Tray se ela existe',
    en: 'the store did not answer the creation of wedding list "{name}" and cannot be searched: it will not be sent again unchecked. Check in Tray\'s panel whether it exists',
  },
  'catalog.productNotBound': {
    'pt-BR': 'o produto {sku} ainda não está na loja',
    en: 'product {sku} is not in the store yet',
  },
  'catalog.categoryMissing': {
    'pt-BR': 'a categoria "{category}" não está na loja',
    en: 'category "{category}" is not in the store',
  },
  'catalog.characteristicMissing': {
    'pt-BR': 'a característica "{characteristic}" não está na loja',
    en: 'characteristic "{characteristic}" is not in the store',
  },
  'catalog.summary': {
    'pt-BR': 'Catálogo: {created} criados, {updated} atualizados, {unchanged} sem mudança, {failed} com erro.',
    en: 'Catalogue: {created} created, {updated} updated, {unchanged} unchanged, {failed} failed.',
  },
  'catalog.weddingListsUnavailable': {
    'pt-BR': '{count} lista(s) de casamento não enviada(s): {reason}',
    en: '{count} wedding list(s) not sent: {reason}',
  },
  'catalog.variantsUnavailable': {
    'pt-BR': '{count} variação(ões) de produto não enviada(s): {reason}',
    en: '{count} product variant(s) not sent: {reason}',
  },
  'catalog.variantElsewhere': {
    'pt-BR': 'a variação {sku} já está na loja em outro produto, não em {product}; corrija o SKU no ERP ou na loja',
    en: 'variant {sku} is already in the store under another product, not {product}; fix the SKU in the ERP or the store',
  },
  'catalog.featureUnavailable': {
    'pt-BR': 'a loja não oferece este recurso.',
    en: 'the store does not offer this feature.',
  },
  'catalog.summaryRefused': {
    'pt-BR': 'Catálogo: {created} criados, {updated} atualizados, {unchanged} sem mudança, {failed} com erro; {refused} linhas do ERP recusadas (veja Catálogo).',
    en: 'Catalogue: {created} created, {updated} updated, {unchanged} unchanged, {failed} failed; {refused} ERP rows refused (see Catalogue).',
  },
  'catalog.erpProblem': {
    'pt-BR': 'ERP: {message}',
    en: 'ERP: {message}',
  },
  'orders.summary': {
    'pt-BR': 'Pedidos: {created} novos, {updated} atualizados, {failed} com erro.',
    en: 'Orders: {created} new, {updated} updated, {failed} failed.',
  },
  'orders.badDate': {
    'pt-BR': 'a data do pedido "{date}" não é uma data (esperado AAAA-MM-DD ou DD/MM/AAAA).',
    en: 'the order date "{date}" is not a date (expected YYYY-MM-DD or DD/MM/YYYY).',
  },
  'orders.noCustomer': {
    'pt-BR': 'a loja não enviou o cliente do pedido.',
    en: 'the store sent no customer for the order.',
  },
  'orders.refused': {
    'pt-BR': 'Pedido {id} não lido: {cause} O pedido não foi gravado nem confirmado à loja; continua na lista de pendências.',
    en: 'Order {id} not read: {cause} It was neither saved nor acknowledged; it stays in the store’s to-do list.',
  },
  'orders.summaryWithCause': {
    'pt-BR': 'Pedidos: {created} novos, {updated} atualizados, {failed} com erro. {cause}',
    en: 'Orders: {created} new, {updated} updated, {failed} failed. {cause}',
  },
  'orders.listIncomplete': {
    'pt-BR': 'A lista de pedidos alterados não veio inteira: faltam os de {from} em diante ({cause}). Os pedidos lidos foram gravados; a próxima leitura retoma de {from}.',
    en: 'The list of changed orders did not come whole: those from {from} on are missing ({cause}). The orders read were saved; the next read resumes from {from}.',
  },
  'orders.failed': {
    'pt-BR': 'Pedido {id}: {cause}',
    en: 'Order {id}: {cause}',
  },
  'orders.ackFailed': {
    'pt-BR': 'Pedido {id} gravado, mas a confirmação à loja falhou ({cause}); ele voltará na próxima leitura sem duplicar.',
    en: 'Order {id} saved, but the acknowledgement failed ({cause}); it will come back next time without duplicating.',
  },
  'push.unmapped': {
    'pt-BR': 'o status "{status}" não está mapeado para um status da loja (Configurações > Status)',
    en: 'status "{status}" is not mapped to a store status (Settings > Statuses)',
  },
  'push.notPushed': {
    'pt-BR': 'o status "{status}" não está marcado para envio à loja',
    en: 'status "{status}" is not set to be sent to the store',
  },
  'push.shippedNeedsTracking': {
    'pt-BR': 'para marcar como enviado é preciso um código de rastreio',
    en: 'a tracking code is required to mark as shipped',
  },
  'push.orderUnknown': {
    'pt-BR': 'pedido {id} não encontrado no Ponte',
    en: 'order {id} not found in Ponte',
  },
  'push.invalidTracking': {
    'pt-BR': 'código de rastreio "{code}" inválido: {reason}',
    en: 'invalid tracking code "{code}": {reason}',
  },
  'push.nothingToSend': {
    'pt-BR': 'nada a enviar: a loja já tem esses dados',
    en: 'nothing to send: the store already has this',
  },
  // Local statuses as the merchant reads them (push summaries, the queue): never the code key.
  'status.aguardando_pagamento': { 'pt-BR': 'Aguardando pagamento', en: 'Awaiting payment' },
  'status.pago': { 'pt-BR': 'Pago', en: 'Paid' },
  'status.em_separacao': { 'pt-BR': 'Em separação', en: 'Being picked' },
  'status.enviado': { 'pt-BR': 'Enviado', en: 'Shipped' },
  'status.entregue': { 'pt-BR': 'Entregue', en: 'Delivered' },
  'status.cancelado': { 'pt-BR': 'Cancelado', en: 'Cancelled' },
  'push.statusSummary': {
    'pt-BR': 'Status {status} (e-mail ao cliente)',
    en: 'Status {status} (emails the shopper)',
  },
  'push.trackingSummary': {
    'pt-BR': 'Rastreio {code}',
    en: 'Tracking {code}',
  },
  'push.stockSummary': {
    'pt-BR': 'Estoque {sku}: {stock}',
    en: 'Stock {sku}: {stock}',
  },
  'push.superseded': {
    'pt-BR': 'não enviado: na loja o pedido já está em {status} (mudado fora do Ponte)',
    en: 'not sent: in the store the order is already {status} (changed outside Ponte)',
  },
  'push.failedFinal': {
    'pt-BR': 'Envio {id} falhou após {attempts} tentativas: {cause}',
    en: 'Push {id} failed after {attempts} attempts: {cause}',
  },
  'push.summary': {
    'pt-BR': 'Envios à loja: {done} concluídos, {already} já estavam na loja, {retry} para tentar de novo, {failed} falharam.',
    en: 'Store pushes: {done} done, {already} already in the store, {retry} to retry, {failed} failed.',
  },
  'export.summary.one': {
    'pt-BR': '{count} pedido exportado para {target}.',
    en: '{count} order exported to {target}.',
  },
  'export.summary.other': {
    'pt-BR': '{count} pedidos exportados para {target}.',
    en: '{count} orders exported to {target}.',
  },
  'export.noneChosen': {
    'pt-BR': 'Nenhum pedido na seleção para exportar.',
    en: 'No orders in the selection to export.',
  },
  'export.erpHadAll': {
    'pt-BR': 'O ERP já tinha todos os pedidos da seleção; nada foi gravado.',
    en: 'The ERP already had every order of the selection; nothing was written.',
  },
  'export.missing': {
    'pt-BR': 'Pedidos não encontrados no Ponte (ignorados): {ids}.',
    en: 'Orders not found in Ponte (skipped): {ids}.',
  },
  'export.tooMany': {
    'pt-BR': 'A seleção tem {count} pedidos; exporte no máximo {max} de uma vez (escolha um período menor).',
    en: 'The selection has {count} orders; export at most {max} at once (pick a shorter period).',
  },
  'export.noFolder': {
    'pt-BR': 'Escolha a pasta dos arquivos exportados (Configurações > Exportação de pedidos) antes de exportar para arquivo.',
    en: 'Choose the folder for exported files (Settings > Order export) before exporting to a file.',
  },
  'export.unknownRecord': {
    'pt-BR': 'Exportação {id} não está mais no histórico.',
    en: 'Export {id} is no longer in the history.',
  },
  'export.goneSince.one': {
    'pt-BR': '{count} pedido da exportação original não está mais no Ponte.',
    en: '{count} order of the original export is no longer in Ponte.',
  },
  'export.goneSince.other': {
    'pt-BR': '{count} pedidos da exportação original não estão mais no Ponte.',
    en: '{count} orders of the original export are no longer in Ponte.',
  },
  'export.againReady.one': {
    'pt-BR': 'Arquivo refeito com {count} pedido: o download começa em seguida.',
    en: 'File made again with {count} order: the download starts next.',
  },
  'export.againReady.other': {
    'pt-BR': 'Arquivo refeito com {count} pedidos: o download começa em seguida.',
    en: 'File made again with {count} orders: the download starts next.',
  },
  'export.noneWritten': {
    'pt-BR': 'Nenhum pedido gravado no ERP.',
    en: 'No order written to the ERP.',
  },
  'export.none': {
    'pt-BR': 'Nenhum pedido novo para exportar.',
    en: 'No new orders to export.',
  },
  'erp.notConfigured': {
    'pt-BR': 'Nenhuma fonte do ERP configurada (Configurações > ERP).',
    en: 'No ERP source configured (Settings > ERP).',
  },
  'store.connectionOk': {
    'pt-BR': 'Conexão com a loja funcionando.',
    en: 'The store connection works.',
  },
  'store.failing': {
    'pt-BR': 'A loja não está respondendo como deveria: as últimas {count} chamadas falharam (última: {operation}, {detail}). O Ponte continua tentando.',
    en: 'The store is not answering as it should: the last {count} calls failed (last: {operation}, {detail}). Ponte keeps trying.',
  },
  'store.restNotConfigured': {
    'pt-BR': 'A API REST da loja não está configurada: informe o endereço da API, a chave e o segredo do aplicativo e o código de autorização (Configurações > Loja).',
    en: "The store's REST API is not configured: give the API address, the app's key and secret and the authorisation code (Settings > Store).",
  },
  'catalog.restDeferred': {
    'pt-BR': 'Catálogo adiado: a passagem (cerca de {calls} chamadas) não cabe na parte do catálogo na cota de hoje da API REST; pedidos, status e rastreios seguem. Próxima passagem após {at}.',
    en: 'Catalogue deferred: the pass (about {calls} calls) does not fit in the catalogue’s share of today’s REST API budget; orders, statuses and tracking go on. Next pass after {at}.',
  },
  'catalog.restTooLarge': {
    'pt-BR': 'Catálogo adiado: a passagem (cerca de {calls} chamadas) é maior que a parte do catálogo na cota diária da API REST.',
    en: 'Catalogue deferred: the pass (about {calls} calls) is larger than the catalogue’s share of the REST API’s daily budget.',
  },
  'demo.storeLocked': {
    'pt-BR': 'Na loja de demonstração o acesso à loja não muda: para conectar a sua, use "Sair da demonstração" no alto de Configurações.',
    en: 'The demo store’s access cannot change: to connect your own store, use "Leave the demo" at the top of Settings.',
  },
  'demo.flagLocked': {
    'pt-BR': 'A demonstração só é deixada por "Sair da demonstração", que recomeça o Ponte com os seus dados.',
    en: 'The demo is left only through "Leave the demo", which starts Ponte over on your own data.',
  },
  'demo.notOnDemo': {
    'pt-BR': 'O Ponte não está na loja de demonstração.',
    en: 'Ponte is not on the demo store.',
  },
  'demo.cannotLeave': {
    'pt-BR': 'Este modo do Ponte não sabe sair da demonstração: feche o Ponte e abra de novo com a sua loja configurada.',
    en: 'This Ponte mode cannot leave the demo: close Ponte and start it again with your store configured.',
  },
  'store.notConfigured': {
    'pt-BR': 'A loja não está configurada (Configurações > Loja).',
    en: 'The store is not configured (Settings > Store).',
  },
  'job.disabled.feature': {
    'pt-BR': 'A loja não oferece {operation}: {job} desativado.',
    en: 'The store lacks {operation}: {job} disabled.',
  },
  'run.interrupted': {
    'pt-BR': 'Execução interrompida (o Ponte foi fechado durante a sincronização).',
    en: 'Run interrupted (Ponte was closed during the sync).',
  },
});
