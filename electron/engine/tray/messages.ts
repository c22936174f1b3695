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
  outcomeUnknown: {
    'pt-BR': 'Não sabemos se a loja aplicou {operation}: a resposta se perdeu ({detail}). Vamos conferir na loja antes de enviar de novo.',
    en: 'We do not know whether the store applied {operation}: the answer was lost ({detail}). We will check the store before sending again.',
  },
  unsupported: {
    'pt-BR': 'A loja não oferece {operation} pelo WebService.',
    en: 'The store does not offer {operation} through the WebService.',
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
