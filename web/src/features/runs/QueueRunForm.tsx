'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { DisclosureButton } from '@/components/DisclosureButton';
import { FormField } from '@/components/FormField';
import { FormProblems } from '@/components/FormProblems';
import { InlineError } from '@/components/InlineError';
import { RemoveRowButton, RowListFieldset } from '@/components/RowListFieldset';
import { SubmitRow } from '@/components/SubmitRow';
import { graphql } from '@/gql';
import type { DatasetSize, RunType } from '@/gql/graphql';
import { RUN_TYPES } from '@/lib/enums';
import { formatEnumLabel } from '@/lib/format';
import { useFormDraft } from '@/lib/form-draft';
import {
  buildQueueRunInput,
  DATASET_SIZE_OPTIONS,
  type QueueRunField,
  initialQueueRunState,
  type ParamRow,
  type QueueRunFormState,
  type QueueRunTarget,
  RUN_TYPE_HINTS,
} from './queue-run';

const QueueRun = graphql(`
  mutation QueueRun($input: QueueRunInput!) {
    queueRun(input: $input) {
      id
      status
      model {
        id
      }
    }
  }
`);

/** A fresh idempotency key: a double click or a retried request queues the run once. */
function newKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return `web:${c.randomUUID()}`;
  return `web:${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * "Queue run…" and its form: run type, data set size and seed, optional params (and, when the run
 * registers a model from a recipe version, that model's name). The worker picks the run up; the
 * page then moves to the new run, which follows it live. Problems the form can see are named
 * before anything is sent; the API's are shown with their code.
 */
export function QueueRunForm({
  target,
  label = 'Queue run…',
  subject,
  modelNamePlaceholder,
  defaultType = 'TRAIN',
}: {
  target: QueueRunTarget;
  /** The button that opens the form. */
  label?: string;
  /** What the run is of, for the form's accessible name (a model or recipe name). */
  subject: string;
  /** With a recipe version target: the name the API gives the new model when none is typed. */
  modelNamePlaceholder?: string;
  defaultType?: RunType;
}) {
  const router = useRouter();
  const id = useId();
  // A change makes the listed problems stale: they are checked again on submit.
  const { state, setState, problems, invalid, submitWith, open, setOpen, toggle } = useFormDraft<QueueRunFormState, QueueRunField>(() => initialQueueRunState(defaultType));
  const [key, setKey] = useState<string | null>(null);
  const [queue, queueing] = useMutation(QueueRun);
  const registers = 'recipeVersionId' in target;

  const onToggle = () => {
    toggle();
    setKey(newKey());
    queueing.reset();
  };

  const setParam = (index: number, change: Partial<ParamRow>) =>
    setState((s) => ({ ...s, params: s.params.map((p, i) => (i === index ? { ...p, ...change } : p)) }));

  const onSubmit = submitWith(
    (values) => buildQueueRunInput(target, values, key ?? undefined),
    async (input) => {
      const { data } = await queue({ variables: { input } });
      if (data) router.push(`/runs/${data.queueRun.id}`);
    },
    // A new key, so that a corrected form is a new request.
    () => setKey(newKey()),
  );

  return (
    <div className="recipe-actions">
      <div className="button-row">
        <DisclosureButton open={open} onToggle={onToggle}>
          {label}
        </DisclosureButton>
      </div>
      {open ? (
        <form className="clone-form queue-run-form" onSubmit={onSubmit} aria-label={`Queue a run of ${subject}`} noValidate>
          <FormField id={`${id}-type`} label="Run type" hint={<>{formatEnumLabel(state.type)}: {RUN_TYPE_HINTS[state.type]}.</>}>
            <select
              id={`${id}-type`}
              value={state.type}
              aria-describedby={`${id}-type-hint`}
              onChange={(e) => setState({ ...state, type: e.target.value as RunType })}
            >
              {RUN_TYPES.map((t) => (
                <option key={t} value={t}>
                  {formatEnumLabel(t)}
                </option>
              ))}
            </select>
          </FormField>
          <fieldset className="field field--fieldset">
            <legend className="field__label">Data set size</legend>
            {DATASET_SIZE_OPTIONS.map((o) => (
              <label key={o.value} className="checkbox">
                <input
                  type="radio"
                  name={`${id}-size`}
                  value={o.value}
                  checked={state.size === o.value}
                  onChange={() => setState({ ...state, size: o.value as DatasetSize })}
                />{' '}
                {o.label} <span className="muted">({o.hint})</span>
              </label>
            ))}
          </fieldset>
          <FormField id={`${id}-seed`} label="Seed" hint="The same seed always generates the same rows.">
            <input
              id={`${id}-seed`}
              type="text"
              inputMode="numeric"
              value={state.seed}
              aria-describedby={`${id}-seed-hint`}
              aria-invalid={invalid('seed')}
              onChange={(e) => setState({ ...state, seed: e.target.value })}
            />
          </FormField>
          {registers ? (
            <FormField id={`${id}-model-name`} label="Model name (optional)" hint="A draft model is registered from this version for the run.">
              <input
                id={`${id}-model-name`}
                type="text"
                value={state.modelName}
                maxLength={200}
                placeholder={modelNamePlaceholder}
                aria-describedby={`${id}-model-name-hint`}
                onChange={(e) => setState({ ...state, modelName: e.target.value })}
              />
            </FormField>
          ) : null}
          <RowListFieldset legend="Params (optional)" addLabel="Add param" onAdd={() => setState({ ...state, params: [...state.params, { key: '', value: '' }] })}>
            {state.params.map((p, i) => (
              <div key={i} className="field__inline">
                <input type="text" aria-label={`Param ${i + 1} name`} placeholder="name, e.g. algorithm" value={p.key} onChange={(e) => setParam(i, { key: e.target.value })} />
                <input type="text" aria-label={`Param ${i + 1} value`} placeholder="value" value={p.value} onChange={(e) => setParam(i, { value: e.target.value })} />
                <RemoveRowButton label={`Remove param ${i + 1}`} onClick={() => setState({ ...state, params: state.params.filter((_, j) => j !== i) })} />
              </div>
            ))}
          </RowListFieldset>
          <FormProblems problems={problems} />
          <InlineError error={queueing.error} />
          <SubmitRow label="Queue run" pendingLabel="Queueing…" pending={queueing.loading} onClose={() => setOpen(false)} />
        </form>
      ) : null}
    </div>
  );
}
