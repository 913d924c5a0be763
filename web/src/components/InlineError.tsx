'use client';

import { describeApiError, problemHint } from '@/lib/api-error';
import { publicApiUrl } from '@/lib/config';

/**
 * A failed mutation's problems, with their `extensions.code`, next to the control that caused it.
 * A refusal for the caller's role (FORBIDDEN) says so in words as well.
 */
export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  const info = describeApiError(error, publicApiUrl());
  const hints = [...new Set(info.problems.map((p) => problemHint(p.code)).filter((h): h is string => !!h))];
  return (
    <div className="inline-error" role="alert">
      {info.problems.map((p, i) => (
        <div key={i}>
          {p.code ? <code className="error-panel__code">{p.code}</code> : null} {p.message}
          {p.path ? <span className="error-panel__path"> at {p.path}</span> : null}
        </div>
      ))}
      {hints.map((hint) => (
        <div key={hint} className="inline-error__hint">
          {hint}
        </div>
      ))}
    </div>
  );
}
