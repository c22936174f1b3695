import { defineMessages } from '../../../shared/i18n/index.ts';

export const t = defineMessages({
  'run.interrupted': {
    'pt-BR': 'Interrompida: o Ponte foi fechado durante a execução.',
    en: 'Interrupted: Ponte was closed while this was running.',
  },
  'outbox.notFound': {
    'pt-BR': 'Envio {id} não encontrado.',
    en: 'Push {id} not found.',
  },
  'outbox.cannotRequeue': {
    'pt-BR': 'O envio {id} está "{state}": só envios com falha ou descartados podem ser reenviados.',
    en: 'Push {id} is "{state}": only failed or discarded pushes can be retried.',
  },
  'outbox.cannotDiscard': {
    'pt-BR': 'O envio {id} está "{state}" e não pode ser descartado agora.',
    en: 'Push {id} is "{state}" and cannot be discarded now.',
  },
  'outbox.badPayload': {
    'pt-BR': 'Conteúdo do envio ilegível no banco local; descartado para não enviar dados errados.',
    en: 'The push content in the local database is unreadable; not sent.',
  },
});
