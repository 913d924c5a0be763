'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { InlineError } from '@/components/InlineError';
import { graphql } from '@/gql';
import { formatEnumLabel } from '@/lib/format';
import { childLevel, recipeActions } from './manifest-json';

const ApproveRecipe = graphql(`
  mutation ApproveRecipe($id: ID!) {
    approveRecipe(id: $id) {
      id
      status
    }
  }
`);

const ArchiveRecipe = graphql(`
  mutation ArchiveRecipe($id: ID!) {
    archiveRecipe(id: $id) {
      id
      status
    }
  }
`);

const RestoreRecipe = graphql(`
  mutation RestoreRecipe($id: ID!) {
    restoreRecipe(id: $id) {
      id
      status
    }
  }
`);

const CloneRecipe = graphql(`
  mutation CloneRecipe($input: CloneRecipeInput!) {
    cloneRecipe(input: $input) {
      id
      name
    }
  }
`);

/**
 * Approve / Archive / Restore / Clone: only the actions the recipe's status and level allow are
 * shown. Cloning asks for a name and the version to clone from, then opens the new recipe.
 */
export function RecipeActions({
  id,
  name,
  status,
  level,
  versions,
}: {
  id: string;
  name: string;
  status: string;
  level: string;
  versions: ReadonlyArray<{ id: string; version: string }>;
}) {
  const router = useRouter();
  const refresh = { onCompleted: () => router.refresh() };
  const [approve, approving] = useMutation(ApproveRecipe, refresh);
  const [archive, archiving] = useMutation(ArchiveRecipe, refresh);
  const [restore, restoring] = useMutation(RestoreRecipe, refresh);
  const [clone, cloning] = useMutation(CloneRecipe);
  const [cloneOpen, setCloneOpen] = useState(false);
  const [cloneName, setCloneName] = useState('');
  const [cloneDescription, setCloneDescription] = useState('');
  const [cloneVersion, setCloneVersion] = useState(versions[0]?.id ?? '');
  const actions = recipeActions(status, level);
  const busy = approving.loading || archiving.loading || restoring.loading || cloning.loading;
  const error = approving.error ?? archiving.error ?? restoring.error ?? cloning.error;
  const target = childLevel(level);

  const onClone = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await clone({
        variables: {
          input: { recipeId: id, name: cloneName.trim(), description: cloneDescription.trim(), versionId: cloneVersion || undefined },
        },
      });
      if (data) router.push(`/recipes/${data.cloneRecipe.id}`);
    } catch {
      // shown below
    }
  };

  const ignore = () => undefined;

  return (
    <div className="recipe-actions">
      <div className="button-row" role="group" aria-label="Recipe actions">
        {actions.includes('approve') ? (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void approve({ variables: { id } }).catch(ignore)}>
            Approve
          </button>
        ) : null}
        {actions.includes('archive') ? (
          <button type="button" className="button" disabled={busy} onClick={() => void archive({ variables: { id } }).catch(ignore)}>
            Archive
          </button>
        ) : null}
        {actions.includes('restore') ? (
          <button type="button" className="button" disabled={busy} onClick={() => void restore({ variables: { id } }).catch(ignore)}>
            Restore to draft
          </button>
        ) : null}
        {actions.includes('clone') ? (
          <button type="button" className="button" aria-expanded={cloneOpen} onClick={() => setCloneOpen((o) => !o)}>
            Clone…
          </button>
        ) : null}
      </div>
      {cloneOpen && target ? (
        <form className="clone-form" onSubmit={onClone} aria-label={`Clone ${name}`}>
          <p className="muted">
            The clone is a {formatEnumLabel(target).toLowerCase()} recipe in draft whose manifest overlays this one.
          </p>
          <label className="field">
            <span className="field__label">Name</span>
            <input type="text" value={cloneName} onChange={(e) => setCloneName(e.target.value)} required maxLength={200} />
          </label>
          <label className="field">
            <span className="field__label">Description</span>
            <input type="text" value={cloneDescription} onChange={(e) => setCloneDescription(e.target.value)} maxLength={1000} />
          </label>
          <label className="field">
            <span className="field__label">From version</span>
            <select value={cloneVersion} onChange={(e) => setCloneVersion(e.target.value)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.version}
                </option>
              ))}
            </select>
          </label>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy || !cloneName.trim()}>
              {cloning.loading ? 'Cloning…' : 'Create clone'}
            </button>
            <button type="button" className="button" onClick={() => setCloneOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <InlineError error={error} />
    </div>
  );
}
