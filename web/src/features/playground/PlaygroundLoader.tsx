'use client';

import dynamic from 'next/dynamic';

// GraphiQL (Monaco editors, web workers) only runs in the browser.
const Playground = dynamic(() => import('./Playground'), {
  ssr: false,
  loading: () => (
    <div className="loading" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      Loading the GraphQL playground…
    </div>
  ),
});

export function PlaygroundLoader({ modelId }: { modelId: string | null }) {
  return <Playground modelId={modelId} />;
}
