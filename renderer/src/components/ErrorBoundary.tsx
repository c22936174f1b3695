import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../i18n/messages.ts';

interface Props {
  children: ReactNode;
}
interface State {
  error: Error | null;
}

/**
 * A screen that throws while rendering (an invalid date from a bad record, say) shows what went
 * wrong and a way out, instead of blanking the whole window. The shell keys it by screen, so
 * navigating elsewhere starts afresh.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('Ponte: erro ao mostrar a tela', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="card error-boundary" role="alert">
        <h1>{t('errorBoundary.title')}</h1>
        <p>{t('errorBoundary.body')}</p>
        <p>
          <code>{error.message}</code>
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => this.setState({ error: null })}>
            {t('errorBoundary.retry')}
          </button>
          <a className="button" href="#/">
            {t('errorBoundary.home')}
          </a>
        </div>
      </section>
    );
  }
}
