'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { DisclosureButton } from '@/components/DisclosureButton';
import { FormField } from '@/components/FormField';
import { FormProblems } from '@/components/FormProblems';
import { InlineError } from '@/components/InlineError';
import { RemoveRowButton, RowListFieldset } from '@/components/RowListFieldset';
import { SubmitRow } from '@/components/SubmitRow';
import { graphql } from '@/gql';
import type { ExperimentModelRole } from '@/gql/graphql';
import { EXPERIMENT_MODEL_ROLES } from '@/lib/enums';
import { formatEnumLabel } from '@/lib/format';
import { useFormDraft } from '@/lib/form-draft';
import { buildProposalInput, EMPTY_PROPOSAL, type ProposalFormState } from './experiment-workflow';

const ProposeExperiment = graphql(`
  mutation ProposeExperiment($input: ProposeExperimentInput!) {
    proposeExperiment(input: $input) {
      id
      status
    }
  }
`);

export interface ModelOption {
  id: string;
  name: string;
  status: string;
}

/**
 * "Propose experiment" and its form: name, hypothesis, target metric, expected improvement (in
 * percent), description and the models it is about (each a baseline or a candidate). Problems the
 * form can see are listed before anything is sent; the API's come back with their code. A proposal
 * opens its page.
 */
export function ProposeExperimentForm({ models }: { models: readonly ModelOption[] }) {
  const router = useRouter();
  const id = useId();
  const { state, setState, problems, text: textOf, submitWith, open, setOpen, toggle } = useFormDraft<ProposalFormState>(EMPTY_PROPOSAL);
  const [propose, proposing] = useMutation(ProposeExperiment);
  const text = (field: 'name' | 'hypothesis' | 'targetMetric' | 'expectedImprovement' | 'description') => textOf(field, `${id}-${field}`);
  const setModel = (index: number, change: Partial<{ modelId: string; role: ExperimentModelRole }>) =>
    setState({ ...state, models: state.models.map((m, i) => (i === index ? { ...m, ...change } : m)) });

  const onSubmit = submitWith(buildProposalInput, async (input) => {
    const { data } = await propose({ variables: { input } });
    if (data) router.push(`/experiments/${data.proposeExperiment.id}`);
  });

  return (
    <div className="recipe-actions">
      <DisclosureButton
        open={open}
        onToggle={() => {
          toggle();
          proposing.reset();
        }}
      >
        Propose experiment
      </DisclosureButton>
      {open ? (
        <form className="clone-form experiment-form" onSubmit={onSubmit} aria-label="Propose an experiment" noValidate>
          <FormField id={`${id}-name`} label="Name">
            <input type="text" maxLength={200} autoFocus {...text('name')} />
          </FormField>
          <FormField id={`${id}-hypothesis`} label="Hypothesis">
            <textarea maxLength={10_000} placeholder="e.g. Adding promotions as a feature lowers MAPE" {...text('hypothesis')} />
          </FormField>
          <div className="field__inline">
            <FormField id={`${id}-targetMetric`} label="Target metric" grow>
              <input type="text" maxLength={200} placeholder="e.g. MAPE" {...text('targetMetric')} />
            </FormField>
            <FormField id={`${id}-expectedImprovement`} label="Expected improvement (%)">
              <input type="text" inputMode="decimal" placeholder="e.g. 5" {...text('expectedImprovement')} />
            </FormField>
          </div>
          <FormField id={`${id}-description`} label="Description (optional)">
            <textarea maxLength={5_000} {...text('description')} />
          </FormField>
          <RowListFieldset
            legend="Models (optional)"
            addLabel="Add model"
            onAdd={() => setState({ ...state, models: [...state.models, { modelId: '', role: state.models.length ? 'CANDIDATE' : 'BASELINE' }] })}
          >
            {state.models.map((m, i) => (
              <div key={i} className="field__inline">
                <select aria-label={`Model ${i + 1}`} value={m.modelId} onChange={(e) => setModel(i, { modelId: e.target.value })}>
                  <option value="">Choose a model…</option>
                  {models.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.name} ({formatEnumLabel(option.status).toLowerCase()})
                    </option>
                  ))}
                </select>
                <select aria-label={`Role of model ${i + 1}`} value={m.role} onChange={(e) => setModel(i, { role: e.target.value as ExperimentModelRole })}>
                  {EXPERIMENT_MODEL_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {formatEnumLabel(role)}
                    </option>
                  ))}
                </select>
                <RemoveRowButton label={`Remove model ${i + 1}`} onClick={() => setState({ ...state, models: state.models.filter((_, j) => j !== i) })} />
              </div>
            ))}
          </RowListFieldset>
          <FormProblems problems={problems} />
          <InlineError error={proposing.error} />
          <SubmitRow label="Propose" pendingLabel="Proposing…" pending={proposing.loading} onClose={() => setOpen(false)} />
        </form>
      ) : null}
    </div>
  );
}
