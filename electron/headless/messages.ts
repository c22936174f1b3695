import { defineMessages } from '../../shared/i18n/index.ts';

/** Texts of the headless server and of `npm run serve` / `npm start`. */
export const t = defineMessages({
  'http.badToken': { 'pt-BR': 'Token ausente ou inválido.', en: 'Missing or invalid token.' },
  'http.foreignHost': {
    'pt-BR': 'Acesso recusado: endereço (Host) não permitido.',
    en: 'Refused: this Host is not allowed.',
  },
  'http.foreignOrigin': {
    'pt-BR': 'Acesso recusado: origem de outro site.',
    en: 'Refused: cross-site origin.',
  },
  'http.tooLarge': {
    'pt-BR': 'Pedido grande demais (limite de {limit} bytes).',
    en: 'Request too large (limit {limit} bytes).',
  },
  'http.badJson': { 'pt-BR': 'O corpo do pedido não é um JSON válido.', en: 'The request body is not valid JSON.' },
  'http.needsJson': {
    'pt-BR': 'Envie o corpo como application/json.',
    en: 'Send the body as application/json.',
  },
  'http.methodNotAllowed': { 'pt-BR': 'Método não permitido.', en: 'Method not allowed.' },
  'http.notFound': { 'pt-BR': 'Não encontrado.', en: 'Not found.' },
  'http.noRenderer': {
    'pt-BR': 'A interface ainda não foi compilada (rode npm run build:renderer). A API está no ar.',
    en: 'The UI has not been built yet (run npm run build:renderer). The API is up.',
  },
  'bind.nonLoopback': {
    'pt-BR':
      'Recusado: o modo headless só escuta em 127.0.0.1 (ou ::1). Para escutar em {host}, use --allow-non-loopback, sabendo que qualquer um na rede com o token terá acesso à loja.',
    en: 'Refused: headless mode only listens on 127.0.0.1 (or ::1). To listen on {host}, pass --allow-non-loopback, knowing anyone on the network with the token gets access to the store.',
  },
  'cli.listening': { 'pt-BR': 'Ponte no ar em: {url}', en: 'Ponte is up at: {url}' },
  'cli.demo': {
    'pt-BR': 'Nenhuma loja configurada: usando a loja de demonstração embutida.',
    en: 'No store configured: using the built-in demo store.',
  },
  'cli.stopping': { 'pt-BR': 'Encerrando o Ponte…', en: 'Stopping Ponte…' },
  'cli.forced': {
    'pt-BR': 'Uma tarefa não terminou em {seconds} s; encerrando assim mesmo (ela será retomada na próxima vez).',
    en: 'A job did not finish within {seconds} s; stopping anyway (it resumes next time).',
  },
  'config.unreadable': {
    'pt-BR': 'Não foi possível ler o arquivo de configuração {file} ({cause}).',
    en: 'Could not read the configuration file {file} ({cause}).',
  },
  'config.notJson': {
    'pt-BR': 'O arquivo de configuração {file} não é um JSON válido: {cause}',
    en: 'The configuration file {file} is not valid JSON: {cause}',
  },
  'config.invalid': {
    'pt-BR': 'Configuração inválida em {file} (nada foi aplicado): {fields}',
    en: 'Invalid configuration in {file} (nothing was applied): {fields}',
  },
  'config.noStore': {
    'pt-BR': 'A configuração não diz o endereço da loja (store.url ou --store-url).',
    en: 'The configuration does not give the store address (store.url or --store-url).',
  },
  'cli.badArgs': { 'pt-BR': 'Argumento inválido: {arg}', en: 'Invalid argument: {arg}' },
  'cli.usage': {
    'pt-BR':
      'Uso: npm run serve -- [--port N] [--host H --allow-non-loopback] [--data-dir PASTA] [--demo] [--config ARQUIVO.json] [--store-url URL --store-id ID --login L] (senha em PONTE_STORE_PASSWORD)',
    en: 'Usage: npm run serve -- [--port N] [--host H --allow-non-loopback] [--data-dir DIR] [--demo] [--config FILE.json] [--store-url URL --store-id ID --login L] (password in PONTE_STORE_PASSWORD)',
  },
});
