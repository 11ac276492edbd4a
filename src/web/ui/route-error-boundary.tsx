/**
 * One per route: a page that throws while rendering (an answer of the server that does not match
 * the contract, a bug) shows a message and « Réessayer » instead of a blank app; the rest of the app
 * (navigation, sign-out) keeps working. « Réessayer » clears the failed queries and draws the page again.
 * React logs the error to the console itself.
 */
import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Component, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

interface BoundaryProps {
  children: ReactNode;
  fallback: (retry: () => void) => ReactNode;
  onReset: () => void;
}

class Boundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  retry = (): void => {
    this.props.onReset();
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(this.retry) : this.props.children;
  }
}

function RouteError({ retry }: { retry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <div className="alert error stack" role="alert">
        <p>{t('error.route')}</p>
        <div>
          <button type="button" className="button" onClick={retry}>
            {t('common.retry')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary onReset={reset} fallback={(retry) => <RouteError retry={retry} />}>
          {children}
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}
