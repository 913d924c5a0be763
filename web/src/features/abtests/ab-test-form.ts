import type { FormProblem } from '@/lib/form-draft';
import type { AbTestKind, AbTestSource, MetricDirection, StartAbTestInput } from '@/gql/graphql';

/** What the "Start A/B test" form holds: numbers as typed, checked by {@link buildStartAbTestInput}. */
export interface StartAbTestFormState {
  name: string;
  modelAId: string;
  modelBId: string;
  metric: string;
  kind: AbTestKind;
  direction: MetricDirection;
  source: AbTestSource;
  /** Share of the traffic sent to model B, in percent ("50"). */
  splitPercent: string;
  minimumDetectableEffect: string;
  /** Optional: arm A's observed value when empty. */
  baseline: string;
  /** MEAN only, optional: arm A's observed one when empty. */
  standardDeviation: string;
  alpha: string;
  power: string;
  description: string;
}

export const EMPTY_START_AB_TEST: StartAbTestFormState = {
  name: '',
  modelAId: '',
  modelBId: '',
  metric: '',
  kind: 'MEAN',
  direction: 'HIGHER_IS_BETTER',
  source: 'OBSERVATIONS',
  splitPercent: '50',
  minimumDetectableEffect: '',
  baseline: '',
  standardDeviation: '',
  alpha: '0.05',
  power: '0.8',
  description: '',
};

/** A decimal as typed ("0,05" too); undefined when empty, NaN when it is not a number. */
function decimal(text: string): number | undefined {
  const cleaned = text.trim().replace(',', '.');
  return cleaned ? Number(cleaned) : undefined;
}

const between0And1 = (v: number | undefined) => v !== undefined && v > 0 && v < 1;

/**
 * The `startAbTest` input from the form, or the problems the form can see before sending anything
 * (the API checks the same and more: models of the workspace, lengths).
 */
export function buildStartAbTestInput(state: StartAbTestFormState): { input: StartAbTestInput | null; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (!state.name.trim()) problems.push({ field: 'name', message: 'A name is required.' });
  if (!state.modelAId) problems.push({ field: 'modelAId', message: 'Choose model A, the control.' });
  if (!state.modelBId) problems.push({ field: 'modelBId', message: 'Choose model B, the treatment.' });
  if (state.modelAId && state.modelAId === state.modelBId) problems.push({ field: 'modelBId', message: 'Model B must be another model than model A.' });
  if (!state.metric.trim()) problems.push({ field: 'metric', message: 'A metric is required, e.g. conversion.' });

  const split = decimal(state.splitPercent);
  if (!(split !== undefined && split > 0 && split < 100)) problems.push({ field: 'splitPercent', message: "Model B's share of the traffic must be a percentage between 0 and 100 (exclusive), e.g. 50." });
  const effect = decimal(state.minimumDetectableEffect);
  const proportion = state.kind === 'PROPORTION';
  if (!(effect !== undefined && effect > 0 && (!proportion || effect < 1))) {
    problems.push({
      field: 'minimumDetectableEffect',
      message: proportion ? 'The minimum detectable effect is a difference in rate between 0 and 1, e.g. 0.02.' : 'The minimum detectable effect must be a positive number.',
    });
  }
  const baseline = decimal(state.baseline);
  if (baseline !== undefined && (Number.isNaN(baseline) || (proportion && !between0And1(baseline)))) {
    problems.push({ field: 'baseline', message: proportion ? 'The baseline rate must be between 0 and 1, e.g. 0.1.' : 'The baseline must be a number.' });
  }
  const sd = proportion ? undefined : decimal(state.standardDeviation);
  if (sd !== undefined && !(sd > 0)) problems.push({ field: 'standardDeviation', message: 'The standard deviation must be a positive number.' });
  const alpha = decimal(state.alpha);
  if (!between0And1(alpha)) problems.push({ field: 'alpha', message: 'The significance level must be between 0 and 1, e.g. 0.05.' });
  const power = decimal(state.power);
  if (!between0And1(power)) problems.push({ field: 'power', message: 'The power must be between 0 and 1, e.g. 0.8.' });
  if (problems.length) return { input: null, problems };

  const description = state.description.trim();
  return {
    input: {
      name: state.name.trim(),
      modelAId: state.modelAId,
      modelBId: state.modelBId,
      metric: state.metric.trim(),
      kind: state.kind,
      direction: state.direction,
      source: state.source,
      split: split! / 100,
      minimumDetectableEffect: effect!,
      alpha: alpha!,
      power: power!,
      ...(baseline !== undefined ? { baseline } : {}),
      ...(sd !== undefined ? { standardDeviation: sd } : {}),
      ...(description ? { description } : {}),
    },
    problems,
  };
}
