import type { ReactNode } from 'react';

export const Field = ({ id, label, children, hint, wide }: { id: string; label: string; children: ReactNode; hint?: string | undefined; wide?: boolean }) => (
  <div className={wide ? 'field field-wide' : 'field'}>
    <label htmlFor={id}>{label}</label>
    {children}
    {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
  </div>
);
