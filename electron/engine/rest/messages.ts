/** Merchant-facing texts of the Tray REST client (pt-BR first). */
import { defineMessages } from '../../../shared/i18n/index.ts';

export const t = defineMessages({
  'auth.1000': {
    'pt-BR': 'O acesso à API da loja expirou (código 1000) e não pôde ser renovado agora ({detail}).',
    en: 'The store API access expired (code 1000) and could not be renewed now ({detail}).',
  },
  'auth.1001': {
    'pt-BR': 'A loja está bloqueada na Tray (código 1001): a API não responde até a Tray liberar a loja.',
    en: 'The store is blocked at Tray (code 1001): the API will not answer until Tray releases it.',
  },
  'auth.1002': {
    'pt-BR': 'A loja está inativa na Tray (código 1002): reative a loja para o Ponte voltar a sincronizar.',
    en: 'The store is inactive at Tray (code 1002): reactivate it for Ponte to sync again.',
  },
  'auth.1003': {
    'pt-BR': 'A loja foi cancelada na Tray (código 1003): a API não atende mais esta loja.',
    en: 'The store was cancelled at Tray (code 1003): the API no longer serves it.',
  },
  'auth.unknown': {
    'pt-BR': 'A Tray recusou o acesso à API da loja sem dizer o motivo (código {code}).',
    en: 'Tray refused access to the store API without a reason (code {code}).',
  },
  'auth.credentials': {
    'pt-BR': 'A Tray recusou a autorização: confira a chave e o segredo do aplicativo (consumer key e consumer secret) e o código de autorização da loja ({detail}).',
    en: 'Tray refused the authorisation: check the app key and secret (consumer key and secret) and the store authorisation code ({detail}).',
  },
  'auth.authorizeAgain': {
    'pt-BR': 'A autorização do Ponte nesta loja venceu (a renovação vale 30 dias). Autorize o aplicativo de novo no painel da Tray e cole aqui o código ou o endereço de retorno.',
    en: 'Ponte’s authorisation on this store expired (renewal lasts 30 days). Authorise the app again in the Tray panel and paste the code or the callback address here.',
  },
  'auth.notAuthorized': {
    'pt-BR': 'O Ponte ainda não foi autorizado nesta loja: cole o código de autorização (ou o endereço de retorno) nas configurações.',
    en: 'Ponte is not authorised on this store yet: paste the authorisation code (or the callback address) in the settings.',
  },
  'auth.missingCredentials': {
    'pt-BR': 'Informe a chave e o segredo do aplicativo (consumer key e consumer secret) antes de autorizar.',
    en: 'Enter the app key and secret (consumer key and consumer secret) before authorising.',
  },
  'auth.authorized': {
    'pt-BR': 'Ponte autorizado nesta loja.',
    en: 'Ponte is authorised on this store.',
  },
  'auth.redirect': {
    'pt-BR': 'O endereço da API da loja redireciona para {detail}. Por segurança o token não é enviado a outro endereço: confira o endereço da API nas configurações.',
    en: 'The store API address redirects to {detail}. For safety the token is not sent elsewhere: check the API address in the settings.',
  },
  rejected: {
    'pt-BR': 'A loja recusou {what}: {detail}',
    en: 'The store rejected {what}: {detail}',
  },
  notFound: {
    'pt-BR': 'A loja não encontrou {what}.',
    en: 'The store did not find {what}.',
  },
  'transient.network': {
    'pt-BR': 'Não foi possível falar com a API da loja em {what} ({detail}). Tentaremos de novo.',
    en: 'Could not reach the store API on {what} ({detail}). We will try again.',
  },
  'transient.timeout': {
    'pt-BR': 'A API da loja demorou demais para responder a {what}. Tentaremos de novo.',
    en: 'The store API took too long to answer {what}. We will try again.',
  },
  'transient.http': {
    'pt-BR': 'A API da loja respondeu com erro HTTP {status} a {what}. Tentaremos de novo.',
    en: 'The store API answered HTTP {status} to {what}. We will try again.',
  },
  'transient.throttled': {
    'pt-BR': 'A API da loja pediu para esperar (limite de 180 requisições por minuto) em {what}. Tentaremos mais tarde.',
    en: 'The store API asked us to wait (180 requests a minute) on {what}. We will try later.',
  },
  'event.retry': {
    'pt-BR': 'A API da loja falhou em {what} ({reason}); o Ponte tenta de novo em {seconds} s.',
    en: 'The store API failed on {what} ({reason}); Ponte tries again in {seconds} s.',
  },
  'event.throttled': {
    'pt-BR': 'A API da loja pediu para esperar (HTTP 429, limite de 180 requisições por minuto) em {what}; o Ponte espera {seconds} s e continua.',
    en: 'The store API asked us to wait (HTTP 429, 180 requests a minute) on {what}; Ponte waits {seconds} s and goes on.',
  },
  'reason.timeout': { 'pt-BR': 'demorou demais para responder', en: 'took too long to answer' },
  'reason.json': { 'pt-BR': 'resposta ilegível', en: 'unreadable answer' },
  'reason.network': { 'pt-BR': 'a conexão caiu: {code}', en: 'the connection dropped: {code}' },
  'budget.exhausted': {
    'pt-BR': 'O limite diário de chamadas à API da loja reservado para {priority} acabou ({used} de {limit} usadas hoje); {what} fica para {resetsAt}.',
    en: 'Today’s store API call budget for {priority} is spent ({used} of {limit} used today); {what} waits until {resetsAt}.',
  },
  'budget.serverCap': {
    'pt-BR': 'A loja atingiu o limite diário de chamadas da API (HTTP 429 em {what}); o Ponte volta a chamar às {resetsAt}.',
    en: 'The store reached its daily API call limit (HTTP 429 on {what}); Ponte calls again at {resetsAt}.',
  },
  'priority.status': { 'pt-BR': 'status e rastreio', en: 'status and tracking' },
  'priority.orders': { 'pt-BR': 'pedidos', en: 'orders' },
  'priority.catalog': { 'pt-BR': 'catálogo', en: 'catalogue' },
  malformed: {
    'pt-BR': 'A loja respondeu a {what} com dados que não entendemos ({detail}).',
    en: 'The store answered {what} with data we do not understand ({detail}).',
  },
  'malformed.missing': {
    'pt-BR': 'campo obrigatório ausente: {path}',
    en: 'required field missing: {path}',
  },
  'malformed.invalid': {
    'pt-BR': 'campo inválido: {path} ({detail})',
    en: 'invalid field: {path} ({detail})',
  },
  outcomeUnknown: {
    'pt-BR': 'Não sabemos se a loja aplicou {what}: a resposta se perdeu ({detail}). Vamos conferir na loja antes de enviar de novo.',
    en: 'We do not know whether the store applied {what}: the answer was lost ({detail}). We will check the store before sending again.',
  },
  unsupported: {
    'pt-BR': '{what} não está disponível pela API (REST) da Tray: {reason}',
    en: '{what} is not available through Tray’s REST API: {reason}',
  },
  'feature.weddingLists': {
    'pt-BR': 'A API (REST) da Tray não tem listas de casamento; para enviá-las, conecte pelo WebService (SOAP).',
    en: 'Tray’s REST API has no wedding lists; to send them, connect through the WebService (SOAP).',
  },
  'feature.variantsOnly': {
    'pt-BR': 'variações de produto',
    en: 'product variants',
  },
});
