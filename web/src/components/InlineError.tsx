'use client';

import { describeApiError } from '@/lib/api-error';
import { publicApiUrl } from '@/lib/config';

/** A failed mutation's problems, with their `extensions.code`, next to the control that caused it. */
export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  const info = describeApiError(error, publicApiUrl());
  return (
    <div className="inline-error" role="alert">
      {info.problems.map((p, i) => (
        <div key={i}>
          {p.code ? <code className="error-panel__code">{p.code}</code> : null} {p.message}
          {p.path ? <span className="error-panel__path"> at {p.path}</span> : null}
        </div>
      ))}
    </div>
  );
}
