'use client';

import { useEffect } from 'react';

/** Last resort for unexpected render errors; API failures are shown by the page itself. */
export default function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest =
    error && typeof error === 'object' && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : null;
  const message = error instanceof Error ? error.message : String(error);

  return (
    <section className="error-panel" role="alert">
      <h2 className="error-panel__title">Something went wrong while showing this page</h2>
      <ul className="error-panel__list">
        <li>
          <span className="error-panel__message">{message}</span>
          {digest ? <span className="error-panel__path">digest {digest}</span> : null}
        </li>
      </ul>
      <button type="button" className="button" onClick={() => retry()}>
        Try again
      </button>
    </section>
  );
}
