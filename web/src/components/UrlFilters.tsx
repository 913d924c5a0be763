'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { SearchParams } from '@/lib/search-params';
import { hrefWith } from '@/lib/url-state';

export interface UrlFilterField {
  name: string;
  label: string;
  value: string | null;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** Label of the empty choice; omit to have no empty choice. */
  anyLabel?: string;
}

/**
 * Selects whose values live in the URL: each change navigates to the new URL (shareable, Back
 * undoes it) and drops `resetKeys` (the cursor of the page shown). Without JavaScript it is a
 * GET form.
 */
export function UrlFilters({
  path,
  params,
  fields,
  resetKeys = [],
  label,
}: {
  path: string;
  params: SearchParams;
  fields: readonly UrlFilterField[];
  resetKeys?: readonly string[];
  label: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const reset = Object.fromEntries(resetKeys.map((key) => [key, null]));
  return (
    <form className="filters" action={path} method="get" aria-label={label} aria-busy={pending}>
      {fields.map((field) => (
        <label key={field.name} className="field">
          <span className="field__label">{field.label}</span>
          <select
            name={field.name}
            value={field.value ?? ''}
            onChange={(e) =>
              startTransition(() =>
                router.push(hrefWith(path, params, { ...reset, [field.name]: e.target.value || null }), { scroll: false }),
              )
            }
          >
            {field.anyLabel != null ? <option value="">{field.anyLabel}</option> : null}
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <noscript>
        <button type="submit" className="button">
          Apply
        </button>
      </noscript>
      {pending ? (
        <span className="filters__pending" role="status">
          Loading…
        </span>
      ) : null}
    </form>
  );
}
