'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState, useTransition } from 'react';
import { ALERT_SEVERITIES, RECIPE_FAMILIES, RECIPE_LEVELS } from '@/lib/enums';
import { formatEnumLabel } from '@/lib/format';
import { type LibraryState, libraryHref, PAGE_SIZES, TAB_FEATURES } from './library-params';

const SORT_LABELS: Record<string, string> = {
  UPDATED_AT: 'Recently updated',
  CREATED_AT: 'Recently created',
  NAME: 'Name',
  LAST_SEEN_AT: 'Last seen',
};

/**
 * The library's filters. Every change navigates to the URL of the new view (so it can be
 * shared, and Back undoes it); without JavaScript the form is a plain GET form to the same URL.
 */
export function LibraryFilters({ state }: { state: LibraryState }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(state.q);
  useEffect(() => setQ(state.q), [state.q]);
  const features = TAB_FEATURES[state.tab];

  const go = (patch: Partial<LibraryState>) =>
    startTransition(() => router.push(libraryHref({ ...state, ...patch, after: null, trail: [] })));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    go({ q: q.trim() });
  };

  return (
    <form className="filters" role="search" action="/" method="get" onSubmit={onSubmit} aria-busy={pending}>
      {state.tab !== 'recipes' ? <input type="hidden" name="tab" value={state.tab} /> : null}
      {features.search ? (
        <label className="field field--grow">
          <span className="field__label">Search</span>
          <span className="field__inline">
            <input
              type="search"
              name="q"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={state.tab === 'alerts' ? 'Title contains…' : 'Name contains…'}
            />
            <button type="submit" className="button">
              Search
            </button>
          </span>
        </label>
      ) : null}
      {features.family ? (
        <Select
          label="Family"
          name="family"
          value={state.family}
          options={RECIPE_FAMILIES}
          onChange={(family) => go({ family })}
        />
      ) : null}
      {features.level ? (
        <Select label="Level" name="level" value={state.level} options={RECIPE_LEVELS} onChange={(level) => go({ level })} />
      ) : null}
      {features.statuses.length ? (
        <Select
          label="Status"
          name="status"
          value={state.statuses.join(',') || null}
          options={features.statuses}
          extraOption={state.statuses.length > 1 ? state.statuses.join(',') : undefined}
          onChange={(status) => go({ statuses: status ? status.split(',') : [] })}
        />
      ) : null}
      {features.types.length ? (
        <Select label="Type" name="type" value={state.type} options={features.types} onChange={(type) => go({ type })} />
      ) : null}
      {features.severity ? (
        <Select
          label="Severity"
          name="severity"
          value={state.severity}
          options={ALERT_SEVERITIES}
          anyLabel="Any"
          optionLabel={(s) => `${formatEnumLabel(s)} or higher`}
          onChange={(severity) => go({ severity })}
        />
      ) : null}
      <label className="field">
        <span className="field__label">Sort</span>
        <select
          name="sort"
          value={`${state.sort}:${state.dir}`}
          onChange={(e) => {
            const [sort, dir] = e.target.value.split(':');
            go({ sort, dir: dir === 'ASC' ? 'ASC' : 'DESC' });
          }}
        >
          {features.sorts.flatMap((sort) =>
            sort === 'NAME'
              ? [
                  <option key={`${sort}:ASC`} value={`${sort}:ASC`}>
                    Name A–Z
                  </option>,
                  <option key={`${sort}:DESC`} value={`${sort}:DESC`}>
                    Name Z–A
                  </option>,
                ]
              : [
                  <option key={`${sort}:DESC`} value={`${sort}:DESC`}>
                    {SORT_LABELS[sort] ?? sort} (newest)
                  </option>,
                  <option key={`${sort}:ASC`} value={`${sort}:ASC`}>
                    {SORT_LABELS[sort] ?? sort} (oldest)
                  </option>,
                ],
          )}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Per page</span>
        <select name="size" value={state.size} onChange={(e) => go({ size: Number(e.target.value) })}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className="button">
          Apply
        </button>
      </noscript>
      {pending ? <span className="filters__pending" role="status">Loading…</span> : null}
    </form>
  );
}

function Select<T extends string>({
  label,
  name,
  value,
  options,
  onChange,
  anyLabel = 'All',
  optionLabel = formatEnumLabel,
  extraOption,
}: {
  label: string;
  name: string;
  value: T | null;
  options: readonly T[];
  onChange: (value: T | null) => void;
  anyLabel?: string;
  optionLabel?: (value: string) => string;
  extraOption?: string;
}) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select name={name} value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as T | null)}>
        <option value="">{anyLabel}</option>
        {extraOption ? <option value={extraOption}>{extraOption.split(',').map(formatEnumLabel).join(' or ')}</option> : null}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
