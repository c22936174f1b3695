import { defineMessages } from '../../shared/i18n/index.ts';

/** Texts about the settings file and the password store. */
export const t = defineMessages({
  'settings.reset': {
    'pt-BR': 'O arquivo de configurações estava ilegível e foi recriado com os valores padrão.',
    en: 'The settings file was unreadable and was recreated with default values.',
  },
  'settings.corruptBackup': {
    'pt-BR': 'O arquivo de configurações estava corrompido; uma cópia foi guardada em {file} e as configurações voltaram ao padrão.',
    en: 'The settings file was corrupt; a copy was kept at {file} and settings were reset to defaults.',
  },
  'settings.newer': {
    'pt-BR': 'As configurações foram gravadas por uma versão mais nova do Ponte (formato {version}); só o que esta versão entende foi mantido.',
    en: 'Settings were written by a newer Ponte (format {version}); only what this version understands was kept.',
  },
  'settings.fieldReset': {
    'pt-BR': 'Configuração "{field}" inválida no arquivo: voltou ao valor padrão.',
    en: 'Invalid "{field}" setting in the file: reset to its default.',
  },
  'settings.unreadable': {
    'pt-BR': 'Não foi possível ler as configurações ({reason}); usando os valores padrão.',
    en: 'Could not read settings ({reason}); using defaults.',
  },
  'settings.unwritable': {
    'pt-BR': 'Não foi possível gravar as configurações: {reason}',
    en: 'Could not write settings: {reason}',
  },
  'secrets.plainHeadless': {
    'pt-BR':
      'No modo headless a senha da Tray fica gravada sem criptografia em {file} (legível só pelo seu usuário). Proteja o acesso a esta máquina.',
    en: 'In headless mode the Tray password is stored unencrypted in {file} (readable by your user only). Protect access to this machine.',
  },
  'secrets.unavailable': {
    'pt-BR':
      'A criptografia do sistema não está disponível: a senha da Tray fica gravada sem criptografia em {file}. Proteja o acesso a esta máquina.',
    en: 'System encryption is unavailable: the Tray password is stored unencrypted in {file}. Protect access to this machine.',
  },
  'secrets.undecryptable': {
    'pt-BR': 'A senha da Tray gravada não pôde ser decifrada neste computador ou usuário: informe-a de novo nas configurações.',
    en: 'The stored Tray password cannot be decrypted on this computer or user: enter it again in settings.',
  },
  'secrets.corrupt': {
    'pt-BR': 'O arquivo de senhas estava corrompido ({file}) e foi ignorado: informe a senha da Tray de novo.',
    en: 'The password file was corrupt ({file}) and was ignored: enter the Tray password again.',
  },
});
