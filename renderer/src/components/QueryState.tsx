import type { ReactNode } from 'react';
import { t } from '../i18n/messages.ts';

/** Loading and error placeholders shared by the screens. */
export const QueryState = ({ isLoading, error, children }: { isLoading: boolean; error: Error | null; children?: ReactNode }) => {
  if (error) return <p role="alert" className="error-text">{t('common.error', { message: error.message })}</p>;
  if (isLoading) return <p className="muted" role="status">{t('common.loading')}</p>;
  return <>{children}</>;
};

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
