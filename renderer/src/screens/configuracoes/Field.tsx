import type { ReactNode } from 'react';

export const Field = ({ id, label, children, hint }: { id: string; label: string; children: ReactNode; hint?: string | undefined }) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    {children}
    {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
  </div>
);
