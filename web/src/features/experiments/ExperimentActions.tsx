'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { FormProblems } from '@/components/FormProblems';
import { InlineError } from '@/components/InlineError';
import { RemoveRowButton, RowListFieldset } from '@/components/RowListFieldset';
import { SubmitRow } from '@/components/SubmitRow';
import { graphql } from '@/gql';
import type { ExperimentDecision, ExperimentStatus } from '@/gql/graphql';
import { EXPERIMENT_DECISIONS } from '@/lib/enums';
import { formatEnumLabel } from '@/lib/format';
import {
  ACTION_LABELS,
  allowedExperimentActions,
  buildCompletionInput,
  type CompletionFormState,
  type FormProblem,
  type ResultRow,
} from './experiment-workflow';

const ApproveExperiment = graphql(`
  mutation ApproveExperiment($id: ID!, $note: String) {
    approveExperiment(id: $id, note: $note) {
      id
      status
    }
  }
`);

const RejectExperiment = graphql(`
  mutation RejectExperiment($id: ID!, $rationale: String!) {
    rejectExperiment(id: $id, rationale: $rationale) {
      id
      status
    }
  }
`);

const StartExperiment = graphql(`
  mutation StartExperiment($id: ID!) {
    startExperiment(id: $id) {
      id
      status
    }
  }
`);

const StartShadowTesting = graphql(`
  mutation StartShadowTesting($id: ID!) {
    startShadowTesting(id: $id) {
      id
      status
    }
  }
`);

const CompleteExperiment = graphql(`
  mutation CompleteExperiment($input: CompleteExperimentInput!) {
    completeExperiment(input: $input) {
      id
      status
      decision
    }
  }
`);

const DECISION_HINTS: Readonly<Record<ExperimentDecision, string>> = {
  ADOPT: 'Every candidate model is adopted (an arena challenger becomes champion; a staging model goes to production).',
  PARTIAL_ADOPT: 'Only the candidates picked below are adopted.',
  REJECT: 'No model is adopted.',
};

const EMPTY_ROW: ResultRow = { metric: '', baseline: '', observed: '', note: '' };

/**
 * The workflow buttons an experiment's status allows: approve (with an optional note), reject (with
 * a rationale), start, start shadow testing, complete (decision, rationale, results and, for a
 * partial adoption, the models). The API's refusals (e.g. CONFLICT when a candidate cannot be
 * adopted) are shown next to the form with their code; the page refreshes after each step.
 */
export function ExperimentActions({
  id,
  status,
  targetMetric,
  candidates,
}: {
  id: string;
  status: ExperimentStatus;
  targetMetric: string;
  candidates: ReadonlyArray<{ id: string; name: string }>;
}) {
  const router = useRouter();
  const formId = useId();
  const refresh = { onCompleted: () => router.refresh() };
  const [approve, approving] = useMutation(ApproveExperiment, refresh);
  const [reject, rejecting] = useMutation(RejectExperiment, refresh);
  const [start, starting] = useMutation(StartExperiment, refresh);
  const [shadow, shadowing] = useMutation(StartShadowTesting, refresh);
  const [complete, completing] = useMutation(CompleteExperiment, refresh);
  const [mode, setMode] = useState<null | 'approve' | 'reject' | 'complete'>(null);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [completion, setCompletionState] = useState<CompletionFormState>({
    decision: 'ADOPT',
    rationale: '',
    resultsSummary: '',
    results: [{ ...EMPTY_ROW, metric: targetMetric }],
    adoptModelIds: [],
  });
  const setCompletion = (next: CompletionFormState) => {
    setCompletionState(next);
    setProblems([]);
  };
  const busy = approving.loading || rejecting.loading || starting.loading || shadowing.loading || completing.loading;
  const error = approving.error ?? rejecting.error ?? starting.error ?? shadowing.error ?? completing.error;
  const actions = allowedExperimentActions(status);
  if (actions.length === 0) return null;
  const ignore = () => undefined;
  const done = () => {
    setMode(null);
    setNote('');
    setProblems([]);
  };
  const resetErrors = () => {
    for (const m of [approving, rejecting, starting, shadowing, completing]) m.reset();
    setProblems([]);
  };
  const open = (next: typeof mode) => {
    resetErrors();
    setMode(next);
  };

  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (mode === 'approve') void approve({ variables: { id, note: text || null } }).then(done, ignore);
    if (mode === 'reject') {
      if (!text) {
        setProblems([{ field: 'rationale', message: 'A rationale is required to reject an experiment.' }]);
        return;
      }
      void reject({ variables: { id, rationale: text } }).then(done, ignore);
    }
  };

  const submitCompletion = (event: FormEvent) => {
    event.preventDefault();
    const built = buildCompletionInput(id, completion);
    setProblems(built.problems);
    if (built.input) void complete({ variables: { input: built.input } }).then(done, ignore);
  };

  const setRow = (index: number, change: Partial<ResultRow>) =>
    setCompletion({ ...completion, results: completion.results.map((r, i) => (i === index ? { ...r, ...change } : r)) });

  return (
    <div className="action-panel" data-testid="experiment-actions">
      <div className="button-row">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'reject' ? 'button button--danger' : action === 'complete' || action === 'approve' ? 'button button--primary' : 'button'}
            disabled={busy}
            aria-expanded={action === 'approve' || action === 'reject' || action === 'complete' ? mode === action : undefined}
            onClick={() => {
              if (action === 'start') {
                resetErrors();
                void start({ variables: { id } }).catch(ignore);
              } else if (action === 'shadow') {
                resetErrors();
                void shadow({ variables: { id } }).catch(ignore);
              } else open(mode === action ? null : action);
            }}
          >
            {action === 'approve' ? 'Approve…' : ACTION_LABELS[action]}
          </button>
        ))}
      </div>

      {mode === 'approve' || mode === 'reject' ? (
        <form className="clone-form" onSubmit={submitNote} aria-label={mode === 'approve' ? 'Approve the experiment' : 'Reject the experiment'} noValidate>
          <label className="field">
            <span className="field__label">{mode === 'approve' ? 'Approval note (optional)' : 'Rationale (required)'}</span>
            <textarea value={note} onChange={(e) => setNote(e.target.value)} autoFocus maxLength={5_000} />
          </label>
          <SubmitRow label={mode === 'approve' ? 'Approve' : 'Reject'} danger={mode === 'reject'} disabled={busy} closeLabel="Cancel" onClose={done} />
        </form>
      ) : null}

      {mode === 'complete' ? (
        <form className="clone-form experiment-form" onSubmit={submitCompletion} aria-label="Complete the experiment" noValidate>
          <fieldset className="field field--fieldset">
            <legend className="field__label">Decision</legend>
            {EXPERIMENT_DECISIONS.map((d) => (
              <label key={d} className="checkbox">
                <input
                  type="radio"
                  name={`${formId}-decision`}
                  value={d}
                  checked={completion.decision === d}
                  onChange={() => setCompletion({ ...completion, decision: d, adoptModelIds: d === 'PARTIAL_ADOPT' ? completion.adoptModelIds : [] })}
                />{' '}
                {formatEnumLabel(d)} <span className="muted">— {DECISION_HINTS[d]}</span>
              </label>
            ))}
          </fieldset>
          {completion.decision === 'PARTIAL_ADOPT' ? (
            <fieldset className="field field--fieldset">
              <legend className="field__label">Candidates to adopt</legend>
              {candidates.length === 0 ? <span className="field__hint">No candidate model is linked.</span> : null}
              {candidates.map((c) => (
                <label key={c.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={completion.adoptModelIds.includes(c.id)}
                    onChange={(e) =>
                      setCompletion({
                        ...completion,
                        adoptModelIds: e.target.checked ? [...completion.adoptModelIds, c.id] : completion.adoptModelIds.filter((x) => x !== c.id),
                      })
                    }
                  />{' '}
                  {c.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <label className="field">
            <span className="field__label">Rationale (required)</span>
            <textarea
              value={completion.rationale}
              aria-invalid={problems.some((p) => p.field === 'rationale') || undefined}
              onChange={(e) => setCompletion({ ...completion, rationale: e.target.value })}
              maxLength={5_000}
            />
          </label>
          <RowListFieldset
            legend="Results (metric, baseline, observed, note)"
            addLabel="Add result"
            onAdd={() => setCompletion({ ...completion, results: [...completion.results, { ...EMPTY_ROW }] })}
          >
            <div className="result-rows">
              {completion.results.map((row, i) => (
                <div key={i} className="field__inline">
                  <input type="text" aria-label={`Result ${i + 1} metric`} placeholder="metric" value={row.metric} onChange={(e) => setRow(i, { metric: e.target.value })} />
                  <input type="text" inputMode="decimal" aria-label={`Result ${i + 1} baseline`} placeholder="baseline" value={row.baseline} onChange={(e) => setRow(i, { baseline: e.target.value })} />
                  <input type="text" inputMode="decimal" aria-label={`Result ${i + 1} observed`} placeholder="observed" value={row.observed} onChange={(e) => setRow(i, { observed: e.target.value })} />
                  <input type="text" aria-label={`Result ${i + 1} note`} placeholder="note" value={row.note} onChange={(e) => setRow(i, { note: e.target.value })} />
                  <RemoveRowButton label={`Remove result ${i + 1}`} onClick={() => setCompletion({ ...completion, results: completion.results.filter((_, j) => j !== i) })} />
                </div>
              ))}
            </div>
          </RowListFieldset>
          <label className="field">
            <span className="field__label">Results summary (optional)</span>
            <textarea value={completion.resultsSummary} onChange={(e) => setCompletion({ ...completion, resultsSummary: e.target.value })} maxLength={10_000} />
          </label>
          <SubmitRow label="Complete experiment" pendingLabel="Completing…" pending={completing.loading} disabled={busy} closeLabel="Cancel" onClose={done} />
        </form>
      ) : null}

      <FormProblems problems={problems} />
      <InlineError error={error} />
    </div>
  );
}
