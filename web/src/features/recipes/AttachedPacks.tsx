'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { InlineError } from '@/components/InlineError';
import { RuleTable } from '@/features/evaluation/RuleTable';
import type { Rule } from '@/features/evaluation/thresholds';
import { graphql } from '@/gql';

const AttachPack = graphql(`
  mutation AttachPack($recipeId: ID!, $packVersionId: ID!) {
    attachPack(recipeId: $recipeId, packVersionId: $packVersionId) {
      id
      attachedPacks {
        id
      }
    }
  }
`);

const DetachPack = graphql(`
  mutation DetachPack($recipeId: ID!, $packVersionId: ID!) {
    detachPack(recipeId: $recipeId, packVersionId: $packVersionId) {
      id
      attachedPacks {
        id
      }
    }
  }
`);

export interface AttachedPack {
  id: string;
  version: string;
  pack: { id: string; name: string };
  rules: ReadonlyArray<Rule & { key: string; required: boolean }>;
}

export interface PackChoice {
  id: string;
  name: string;
  versions: ReadonlyArray<{ id: string; version: string }>;
}

/** Pack versions that evaluate this recipe's models, with attach and detach. */
export function AttachedPacks({
  recipeId,
  attached,
  choices,
  canChange,
}: {
  recipeId: string;
  attached: readonly AttachedPack[];
  /** Packs of the recipe's family. */
  choices: readonly PackChoice[];
  canChange: boolean;
}) {
  const router = useRouter();
  const refresh = { onCompleted: () => router.refresh() };
  const [attach, attaching] = useMutation(AttachPack, refresh);
  const [detach, detaching] = useMutation(DetachPack, refresh);
  const attachedIds = new Set(attached.map((a) => a.id));
  const options = choices.flatMap((pack) =>
    pack.versions.filter((v) => !attachedIds.has(v.id)).map((v) => ({ id: v.id, label: `${pack.name} v${v.version}` })),
  );
  const [choice, setChoice] = useState('');
  const ignore = () => undefined;

  return (
    <div className="stack stack--tight">
      {attached.length === 0 ? (
        <EmptyState title="No evaluation pack attached">Runs of this recipe&apos;s models are not evaluated until a pack is attached.</EmptyState>
      ) : (
        attached.map((pv) => (
          <article key={pv.id} className="eval-card">
            <header className="eval-card__header">
              <span className="eval-card__title">
                <Link href={`/packs/${pv.pack.id}`}>{pv.pack.name}</Link> <span className="mono muted">v{pv.version}</span>
              </span>
              <span className="muted">{pv.rules.length} metric rules</span>
              {canChange ? (
                <button
                  type="button"
                  className="button button--small"
                  disabled={detaching.loading}
                  onClick={() => void detach({ variables: { recipeId, packVersionId: pv.id } }).catch(ignore)}
                >
                  Detach
                </button>
              ) : null}
            </header>
            <RuleTable rules={pv.rules} />
          </article>
        ))
      )}
      {canChange && options.length ? (
        <div className="filters">
          <label className="field">
            <span className="field__label">Attach a pack version</span>
            <select value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Choose…</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button"
            disabled={!choice || attaching.loading}
            onClick={() => void attach({ variables: { recipeId, packVersionId: choice } }).then(() => setChoice(''), ignore)}
          >
            Attach
          </button>
        </div>
      ) : null}
      <InlineError error={attaching.error ?? detaching.error} />
    </div>
  );
}
