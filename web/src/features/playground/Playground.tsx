'use client';

import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useMemo, useState } from 'react';
import { publicApiUrl, publicWsUrl } from '@/lib/config';
import { exampleTabs } from './examples';

/**
 * GraphiQL served by the app (no CDN): the docs explorer, queries and mutations over HTTP,
 * subscriptions over graphql-ws, and the example operations as its first tabs. Its editors'
 * web workers are bundled (graphiql/setup-workers/webpack), so it works offline.
 */
export default function Playground({ modelId }: { modelId: string | null }) {
  // The session cookie (HttpOnly, the dashboard's host) goes to the API with every request; the
  // graphql-ws upgrade carries it by itself.
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: publicApiUrl(),
        subscriptionUrl: publicWsUrl(),
        fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, credentials: 'include' }),
      }),
    [],
  );
  const tabs = useMemo(() => exampleTabs(modelId).map(({ query, variables }) => ({ query, variables })), [modelId]);
  const [generation, setGeneration] = useState(0);

  const resetTabs = () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('graphiql:')) localStorage.removeItem(key);
    setGeneration((g) => g + 1);
  };

  return (
    <div className="playground" data-testid="playground">
      <div className="playground__bar">
        <span className="muted">
          Endpoint <code>{publicApiUrl()}</code> · subscriptions <code>{publicWsUrl()}</code>
        </span>
        <button type="button" className="button button--small" onClick={resetTabs}>
          Reset to the example tabs
        </button>
      </div>
      <div className="playground__graphiql">
        <GraphiQL key={generation} fetcher={fetcher} defaultTabs={tabs} defaultEditorToolsVisibility forcedTheme="light" />
      </div>
    </div>
  );
}
