import type { ReactNode } from 'react';

export const Banner = ({ tone, children }: { tone: 'info' | 'warn' | 'error' | 'demo'; children: ReactNode }) => (
  <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);
