'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { InlineError } from '@/components/InlineError';
import { graphql } from '@/gql';
import type { ModelStatus } from '@/gql/graphql';
import { modelTransitions } from './model-lifecycle';

const TransitionModel = graphql(`
  mutation TransitionModel($input: TransitionModelInput!) {
    transitionModel(input: $input) {
      id
      status
      version
    }
  }
`);

const UpdateModel = graphql(`
  mutation UpdateModel($input: UpdateModelInput!) {
    updateModel(input: $input) {
      id
      name
      owner
      description
      version
    }
  }
`);

/**
 * Lifecycle moves the model's status allows, and editing its name, owner and description. Each
 * change carries the `version` the page showed: if someone changed the model meanwhile, the API
 * answers CONFLICT and the page says so instead of overwriting.
 */
export function ModelActions({
  id,
  status,
  version,
  name,
  owner,
  description,
}: {
  id: string;
  status: ModelStatus;
  version: number;
  name: string;
  owner: string;
  description: string;
}) {
  const router = useRouter();
  const refresh = { onCompleted: () => router.refresh() };
  const [transition, transitioning] = useMutation(TransitionModel, refresh);
  const [update, updating] = useMutation(UpdateModel, refresh);
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState({ name, owner, description });
  const busy = transitioning.loading || updating.loading;

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void update({ variables: { input: { id, expectedVersion: version, ...form } } }).then(() => setEditing(false), () => undefined);
  };

  return (
    <div className="recipe-actions">
      <div className="button-row" role="group" aria-label="Model actions">
        {modelTransitions(status).map((t) => (
          <button
            key={t.to}
            type="button"
            className={t.to === 'PRODUCTION' ? 'button button--primary' : t.to === 'RETIRED' ? 'button button--danger' : 'button'}
            disabled={busy}
            onClick={() => {
              if (t.confirm && !window.confirm(t.confirm)) return;
              void transition({ variables: { input: { id, status: t.to, expectedVersion: version } } }).catch(() => undefined);
            }}
          >
            {t.label}
          </button>
        ))}
        <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          Edit details
        </button>
      </div>
      {editing ? (
        <form className="clone-form" onSubmit={onSave} aria-label="Edit model details">
          <label className="field">
            <span className="field__label">Name</span>
            <input type="text" value={form.name} required maxLength={200} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <label className="field">
            <span className="field__label">Owner</span>
            <input type="text" value={form.owner} maxLength={200} onChange={(e) => setForm({ ...form, owner: e.target.value })} />
          </label>
          <label className="field">
            <span className="field__label">Description</span>
            <textarea rows={3} value={form.description} maxLength={2000} onChange={(e) => setForm({ ...form, description: e.target.value })} />
          </label>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              Save
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <InlineError error={transitioning.error ?? updating.error} />
    </div>
  );
}
