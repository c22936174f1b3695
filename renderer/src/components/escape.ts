import { useEffect, useRef } from 'react';

/**
 * Escape closes the innermost open thing only: a date popover before the order detail, a dialog
 * before the panel under it. Each open layer pushes its handler; one window listener calls the top.
 */
const stack: Array<{ current: () => void }> = [];
let listening = false;

const onKeyDown = (event: KeyboardEvent) => {
  if (event.key !== 'Escape' || event.defaultPrevented) return;
  const top = stack[stack.length - 1];
  if (!top) return;
  event.preventDefault();
  top.current();
};

export const useEscape = (handler: () => void, active = true): void => {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!active) return;
    const entry = { current: () => ref.current() };
    stack.push(entry);
    if (!listening) {
      window.addEventListener('keydown', onKeyDown);
      listening = true;
    }
    return () => {
      const at = stack.indexOf(entry);
      if (at >= 0) stack.splice(at, 1);
    };
  }, [active]);
};
