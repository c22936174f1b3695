/**
 * What closing the window means: quit when the merchant chose "Sair ao fechar" or is quitting from
 * the menu; otherwise hide to the tray, explaining it with a notification the first time only.
 */
export interface CloseDecision {
  action: 'close' | 'hide';
  showNotice: boolean;
}

export const decideClose = (state: { quitOnClose: boolean; quitting: boolean; noticeShown: boolean }): CloseDecision => {
  if (state.quitting || state.quitOnClose) return { action: 'close', showNotice: false };
  return { action: 'hide', showNotice: !state.noticeShown };
};

/** The shell's own small memory (not settings the merchant edits). */
export interface ShellState {
  closeNoticeShown: boolean;
}

export interface ShellStateStore {
  get(): ShellState;
  set(next: ShellState): void;
}

export const memoryShellState = (initial: ShellState = { closeNoticeShown: false }): ShellStateStore => {
  let value = { ...initial };
  return { get: () => ({ ...value }), set: (next) => void (value = { ...next }) };
};
