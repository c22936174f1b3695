/** Merchant-facing texts of the Tray client (pt-BR first). */
import { defineMessages } from '../../../shared/i18n/index.ts';

export const t = defineMessages({
  'auth.credentials': {
    'pt-BR': 'A loja recusou o acesso: confira o ID da loja, o usuário e a senha do WebService ({detail}).',
    en: 'The store refused access: check the store id, the user and the WebService password ({detail}).',
  },
  'auth.redirect': {
    'pt-BR': 'O endereço da loja redireciona para {detail}. Por segurança a senha não é enviada a outro endereço: confira o endereço do WebService nas configurações.',
    en: 'The store address redirects to {detail}. For safety the password is not sent to another address: check the WebService address in the settings.',
  },
  'auth.serviceDisabled': {
    'pt-BR': 'O WebService não está habilitado para esta loja. Peça à Tray que o habilite ({detail}).',
    en: 'The WebService is not enabled for this store. Ask Tray to enable it ({detail}).',
  },
  rejected: {
    'pt-BR': 'A loja recusou {operation}: {detail}',
    en: 'The store rejected {operation}: {detail}',
  },
  'transient.network': {
    'pt-BR': 'Não foi possível falar com a loja ({detail}). Tentaremos de novo.',
    en: 'Could not reach the store ({detail}). We will try again.',
  },
  'transient.timeout': {
    'pt-BR': 'A loja demorou demais para responder ({operation}). Tentaremos de novo.',
    en: 'The store took too long to answer ({operation}). We will try again.',
  },
  'transient.http': {
    'pt-BR': 'A loja respondeu com erro HTTP {status} ({operation}). Tentaremos de novo.',
    en: 'The store answered HTTP {status} ({operation}). We will try again.',
  },
  'transient.throttled': {
    'pt-BR': 'A loja pediu para esperar (limite de requisições; {operation}). Tentaremos mais tarde.',
    en: 'The store asked us to wait (rate limit; {operation}). We will try later.',
  },
  malformed: {
    'pt-BR': 'A loja respondeu com dados que não entendemos ({operation}: {detail}).',
    en: 'The store answered with data we do not understand ({operation}: {detail}).',
  },
  'answer.missingFields': {
    'pt-BR': 'registro {type} sem o(s) campo(s) obrigatório(s) {missing}; a loja enviou: {sent}',
    en: '{type} record without the required field(s) {missing}; the store sent: {sent}',
  },
  'answer.or': { 'pt-BR': ' ou ', en: ' or ' },
  'answer.nothing': { 'pt-BR': '(nenhum campo)', en: '(no fields)' },
  missingFields: {
    'pt-BR': 'A loja respondeu sem campos de que o Ponte precisa ({operation}: {detail}). Se a loja usa outros nomes, ajuste o mapa de campos em Configurações (ou --field no comando tray).',
    en: 'The store answered without fields Ponte needs ({operation}: {detail}). If the store uses other names, set the field map in Settings (or --field on the tray command).',
  },
  'cli.fieldSuggestion': {
    'pt-BR': 'A descrição do WebService da loja (WSDL) não tem os campos obrigatórios {fields} com os nomes do Ponte; com os campos mais parecidos da loja, o mapa seria: {flags}',
    en: 'The store WebService description (WSDL) lacks the required fields {fields} under Ponte’s names; with the store’s most similar fields, the map would be: {flags}',
  },
  'cli.fieldUnsuggested': {
    'pt-BR': 'A descrição da loja (WSDL) não tem campo parecido com {fields}: confira os nomes com a loja e use --field Tipo.campo=campo_da_loja.',
    en: 'The store description (WSDL) has no field like {fields}: check the names with the store and use --field Type.field=store_field.',
  },
  'create.noId': {
    'pt-BR': 'a loja confirmou o cadastro sem devolver o id do registro',
    en: 'the store confirmed the create without returning the record id',
  },
  outcomeUnknown: {
    'pt-BR': 'Não sabemos se a loja aplicou {operation}: a resposta se perdeu ({detail}). Vamos conferir na loja antes de enviar de novo.',
    en: 'We do not know whether the store applied {operation}: the answer was lost ({detail}). We will check the store before sending again.',
  },
  unsupported: {
    'pt-BR': 'A loja não oferece {operation} pelo WebService.',
    en: 'The store does not offer {operation} through the WebService.',
  },
  'feature.missingFields': {
    'pt-BR': 'Indisponível nesta loja: a loja não declara os campos obrigatórios {fields} (Configurações > Campos da loja).',
    en: 'Unavailable in this store: the store does not declare the required fields {fields} (Settings > Store fields).',
  },
  'feature.missing': {
    'pt-BR': 'Indisponível nesta loja: o WebService não oferece {operations}.',
    en: 'Unavailable in this store: the WebService does not offer {operations}.',
  },
  'feature.notConnected': {
    'pt-BR': 'Ainda não conectamos à loja para saber se está disponível.',
    en: 'Not connected to the store yet, so availability is unknown.',
  },
  'wsdl.unreachable': {
    'pt-BR': 'Não foi possível ler a descrição do WebService da loja em {url} ({detail}).',
    en: 'Could not read the store WebService description at {url} ({detail}).',
  },
  'wsdl.invalid': {
    'pt-BR': 'A descrição do WebService da loja em {url} é inválida ({detail}).',
    en: 'The store WebService description at {url} is invalid ({detail}).',
  },
});
