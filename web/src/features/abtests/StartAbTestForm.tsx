'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { DisclosureButton } from '@/components/DisclosureButton';
import { FormField } from '@/components/FormField';
import { FormProblems } from '@/components/FormProblems';
import { InlineError } from '@/components/InlineError';
import { SubmitRow } from '@/components/SubmitRow';
import { graphql } from '@/gql';
import { AB_TEST_KINDS, AB_TEST_SOURCES, METRIC_DIRECTIONS } from '@/lib/enums';
import { useFormDraft } from '@/lib/form-draft';
import { formatEnumLabel } from '@/lib/format';
import { buildStartAbTestInput, EMPTY_START_AB_TEST, type StartAbTestFormState } from './ab-test-form';

const StartAbTest = graphql(`
  mutation StartAbTest($input: StartAbTestInput!) {
    startAbTest(input: $input) {
      id
      status
    }
  }
`);

export interface AbModelOption {
  id: string;
  name: string;
}

type TextField = 'name' | 'metric' | 'splitPercent' | 'minimumDetectableEffect' | 'baseline' | 'standardDeviation' | 'alpha' | 'power' | 'description';

/**
 * "Start A/B test" and its form: the two models (A the control, B the treatment), the metric and
 * which way it is better, MEAN or PROPORTION, where the observations come from, B's share of the
 * traffic, and the design behind the required sample size (minimum detectable effect, optional
 * baseline and standard deviation, significance level, power). Problems the form can see are listed
 * before anything is sent; the API's come back with their code. A started test opens its page.
 */
export function StartAbTestForm({ models }: { models: readonly AbModelOption[] }) {
  const router = useRouter();
  const id = useId();
  const { state, setState, problems, invalid, text: textOf, submitWith, open, setOpen, toggle } = useFormDraft<StartAbTestFormState>(EMPTY_START_AB_TEST);
  const [start, starting] = useMutation(StartAbTest);
  const text = (field: TextField) => textOf(field, `${id}-${field}`);
  const modelSelect = (field: 'modelAId' | 'modelBId') => (
    <select id={`${id}-${field}`} value={state[field]} aria-invalid={invalid(field)} onChange={(e) => setState({ ...state, [field]: e.target.value })}>
      <option value="">Choose a model…</option>
      {models.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  );
  const proportion = state.kind === 'PROPORTION';

  const onSubmit = submitWith(buildStartAbTestInput, async (input) => {
    const { data } = await start({ variables: { input } });
    if (data) router.push(`/ab-tests/${data.startAbTest.id}`);
  });

  return (
    <div className="recipe-actions">
      <DisclosureButton
        open={open}
        onToggle={() => {
          toggle();
          starting.reset();
        }}
      >
        Start A/B test
      </DisclosureButton>
      {open ? (
        <form className="clone-form ab-test-form" onSubmit={onSubmit} aria-label="Start an A/B test" noValidate>
          <FormField id={`${id}-name`} label="Name">
            <input type="text" maxLength={200} autoFocus {...text('name')} />
          </FormField>
          <div className="field__inline">
            <FormField id={`${id}-modelAId`} label="Model A (control)" grow>
              {modelSelect('modelAId')}
            </FormField>
            <FormField id={`${id}-modelBId`} label="Model B (treatment)" grow>
              {modelSelect('modelBId')}
            </FormField>
          </div>
          <div className="field__inline">
            <FormField id={`${id}-metric`} label="Metric" grow>
              <input type="text" maxLength={200} placeholder="e.g. conversion" {...text('metric')} />
            </FormField>
            <FormField id={`${id}-direction`} label="Better when">
              <select id={`${id}-direction`} value={state.direction} onChange={(e) => setState({ ...state, direction: e.target.value as StartAbTestFormState['direction'] })}>
                {METRIC_DIRECTIONS.map((d) => (
                  <option key={d} value={d}>
                    {d === 'HIGHER_IS_BETTER' ? 'Higher' : 'Lower'}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={`${id}-kind`} label="Kind" hint={proportion ? 'Each observation is 0 or 1 (e.g. converted).' : 'Each observation is a number (e.g. revenue).'}>
              <select id={`${id}-kind`} aria-describedby={`${id}-kind-hint`} value={state.kind} onChange={(e) => setState({ ...state, kind: e.target.value as StartAbTestFormState['kind'] })}>
                {AB_TEST_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {formatEnumLabel(k)}
                  </option>
                ))}
              </select>
            </FormField>
          </div>
          <div className="field__inline">
            <FormField id={`${id}-source`} label="Observations from">
              <select id={`${id}-source`} value={state.source} onChange={(e) => setState({ ...state, source: e.target.value as StartAbTestFormState['source'] })}>
                {AB_TEST_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {s === 'OBSERVATIONS' ? 'Recorded observations' : 'Prediction logs with actuals'}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={`${id}-splitPercent`} label="Traffic to B (%)">
              <input type="text" inputMode="decimal" {...text('splitPercent')} />
            </FormField>
          </div>
          <div className="field__inline">
            <FormField id={`${id}-minimumDetectableEffect`} label="Min. detectable effect" hint={proportion ? 'A difference in rate, e.g. 0.02.' : 'In the metric’s unit, e.g. 0.5.'}>
              <input type="text" inputMode="decimal" aria-describedby={`${id}-minimumDetectableEffect-hint`} {...text('minimumDetectableEffect')} />
            </FormField>
            <FormField id={`${id}-baseline`} label={proportion ? 'Baseline rate (optional)' : 'Baseline (optional)'}>
              <input type="text" inputMode="decimal" placeholder="arm A’s" {...text('baseline')} />
            </FormField>
            {proportion ? null : (
              <FormField id={`${id}-standardDeviation`} label="Standard deviation (optional)">
                <input type="text" inputMode="decimal" placeholder="arm A’s" {...text('standardDeviation')} />
              </FormField>
            )}
            <FormField id={`${id}-alpha`} label="Significance (α)">
              <input type="text" inputMode="decimal" {...text('alpha')} />
            </FormField>
            <FormField id={`${id}-power`} label="Power">
              <input type="text" inputMode="decimal" {...text('power')} />
            </FormField>
          </div>
          <FormField id={`${id}-description`} label="Description (optional)">
            <textarea maxLength={5_000} {...text('description')} />
          </FormField>
          <FormProblems problems={problems} />
          <InlineError error={starting.error} />
          <SubmitRow label="Start test" pendingLabel="Starting…" pending={starting.loading} onClose={() => setOpen(false)} />
        </form>
      ) : null}
    </div>
  );
}
