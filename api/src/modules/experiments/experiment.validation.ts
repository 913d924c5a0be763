import { assertUnreachable, type Problem } from '../../platform/errors.js';
import { ExperimentDecision, ExperimentModelRole } from './experiment.enums.js';
import type { CompleteExperimentInput, ExperimentResultInput, LinkExperimentInput, ProposeExperimentInput, UnlinkExperimentInput, UpdateExperimentInput } from './experiment.inputs.js';
import type { ExperimentResult } from './experiment.types.js';

/** Limits of the experiment's fields (characters, list sizes). */
export const LIMITS = { name: 200, hypothesis: 10_000, targetMetric: 200, description: 5_000, reason: 5_000, note: 2_000, summary: 10_000, results: 100, links: 500 } as const;

/** A text field's problems: `required` ones must not be blank (checked after trimming). */
function textProblems(path: string, value: string | null | undefined, max: number, required: boolean): Problem[] {
  const trimmed = value?.trim() ?? '';
  if (required && !trimmed) return [{ path, message: 'must not be empty' }];
  if (trimmed.length > max) return [{ path, message: `must be at most ${max} characters` }];
  return [];
}

function improvementProblems(path: string, value: number): Problem[] {
  return Number.isFinite(value) && value > 0 ? [] : [{ path, message: 'must be a positive relative improvement, e.g. 0.05 for 5 %' }];
}

/** Problems of a list of ids: too many, or an id listed twice. */
function idListProblems(path: string, ids: readonly string[] | null | undefined): Problem[] {
  if (!ids) return [];
  if (ids.length > LIMITS.links) return [{ path, message: `must contain at most ${LIMITS.links} ids` }];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id)) problems.push({ path: `${path}[${i}]`, message: `${id} is listed twice` });
    seen.add(id);
  });
  return problems;
}

type Links = Pick<LinkExperimentInput, 'models' | 'runIds' | 'abTestIds'>;

function linkListProblems(prefix: string, links: Links): Problem[] {
  return [
    ...idListProblems(`${prefix}.models`, links.models?.map((m) => m.modelId)).map((p) => ({ ...p, path: p.path.replace(/(\[\d+\])$/, '$1.modelId') })),
    ...idListProblems(`${prefix}.runIds`, links.runIds),
    ...idListProblems(`${prefix}.abTestIds`, links.abTestIds),
  ];
}

export function proposalProblems(input: ProposeExperimentInput, prefix = 'input'): Problem[] {
  return [
    ...textProblems(`${prefix}.name`, input.name, LIMITS.name, true),
    ...textProblems(`${prefix}.hypothesis`, input.hypothesis, LIMITS.hypothesis, true),
    ...textProblems(`${prefix}.targetMetric`, input.targetMetric, LIMITS.targetMetric, true),
    ...improvementProblems(`${prefix}.expectedImprovement`, input.expectedImprovement),
    ...textProblems(`${prefix}.description`, input.description, LIMITS.description, false),
    ...linkListProblems(prefix, input),
  ];
}

export function updateProblems(input: UpdateExperimentInput, prefix = 'input'): Problem[] {
  const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;
  return [
    ...(given(input.name) ? textProblems(`${prefix}.name`, input.name, LIMITS.name, true) : []),
    ...(given(input.hypothesis) ? textProblems(`${prefix}.hypothesis`, input.hypothesis, LIMITS.hypothesis, true) : []),
    ...(given(input.targetMetric) ? textProblems(`${prefix}.targetMetric`, input.targetMetric, LIMITS.targetMetric, true) : []),
    ...(given(input.expectedImprovement) ? improvementProblems(`${prefix}.expectedImprovement`, input.expectedImprovement) : []),
    ...(given(input.description) ? textProblems(`${prefix}.description`, input.description, LIMITS.description, false) : []),
  ];
}

export function linkProblems(input: LinkExperimentInput, prefix = 'input'): Problem[] {
  const problems = linkListProblems(prefix, input);
  if (!input.models?.length && !input.runIds?.length && !input.abTestIds?.length) problems.push({ path: prefix, message: 'name at least one model, run or A/B test to link' });
  return problems;
}

export function unlinkProblems(input: UnlinkExperimentInput, prefix = 'input'): Problem[] {
  const problems = [...idListProblems(`${prefix}.modelIds`, input.modelIds), ...idListProblems(`${prefix}.runIds`, input.runIds), ...idListProblems(`${prefix}.abTestIds`, input.abTestIds)];
  if (!input.modelIds?.length && !input.runIds?.length && !input.abTestIds?.length) problems.push({ path: prefix, message: 'name at least one model, run or A/B test to unlink' });
  return problems;
}

/** A note or reason: optional (`required` names what needs one), trimmed, bounded. */
export function reasonProblems(path: string, value: string | null | undefined, requiredTo: string | null): Problem[] {
  if (requiredTo && !value?.trim()) return [{ path, message: `a rationale is required to ${requiredTo}` }];
  return textProblems(path, value, LIMITS.reason, false);
}

function resultProblems(path: string, result: ExperimentResultInput): Problem[] {
  return [
    ...textProblems(`${path}.metric`, result.metric, LIMITS.targetMetric, true),
    ...(Number.isFinite(result.baseline) ? [] : [{ path: `${path}.baseline`, message: 'must be a finite number' }]),
    ...(Number.isFinite(result.observed) ? [] : [{ path: `${path}.observed`, message: 'must be a finite number' }]),
    ...textProblems(`${path}.note`, result.note, LIMITS.note, false),
  ];
}

/** What can be checked of a completion without the experiment's links. */
export function completionProblems(input: CompleteExperimentInput, prefix = 'input'): Problem[] {
  const problems = [
    ...reasonProblems(`${prefix}.rationale`, input.rationale, 'complete an experiment'),
    ...textProblems(`${prefix}.resultsSummary`, input.resultsSummary, LIMITS.summary, false),
  ];
  const results = input.results ?? [];
  if (results.length > LIMITS.results) problems.push({ path: `${prefix}.results`, message: `must contain at most ${LIMITS.results} results` });
  else results.forEach((r, i) => problems.push(...resultProblems(`${prefix}.results[${i}]`, r)));
  const ids = input.adoptModelIds;
  if (input.decision === ExperimentDecision.PARTIAL_ADOPT) {
    if (!ids?.length) problems.push({ path: `${prefix}.adoptModelIds`, message: 'PARTIAL_ADOPT needs the CANDIDATE models to adopt' });
    else problems.push(...idListProblems(`${prefix}.adoptModelIds`, ids));
  } else if (ids?.length) {
    problems.push({ path: `${prefix}.adoptModelIds`, message: `only PARTIAL_ADOPT names models; ${input.decision} ${input.decision === ExperimentDecision.ADOPT ? 'adopts every CANDIDATE' : 'adopts none'}` });
  }
  return problems;
}

export interface LinkedModel {
  modelId: string;
  role: ExperimentModelRole;
}

/**
 * The models a decision adopts, in order (ADOPT: every CANDIDATE in link order; PARTIAL_ADOPT: the
 * named ones, each a linked CANDIDATE; REJECT: none), or the problems that prevent it.
 */
export function adoptedModels(input: Pick<CompleteExperimentInput, 'decision' | 'adoptModelIds'>, links: readonly LinkedModel[], prefix = 'input'): { ids: string[]; problems: Problem[] } {
  const candidates = links.filter((l) => l.role === ExperimentModelRole.CANDIDATE).map((l) => l.modelId);
  switch (input.decision) {
    case ExperimentDecision.REJECT:
      return { ids: [], problems: [] };
    case ExperimentDecision.ADOPT:
      return candidates.length ? { ids: candidates, problems: [] } : { ids: [], problems: [{ path: `${prefix}.decision`, message: 'ADOPT needs at least one CANDIDATE model linked to the experiment' }] };
    case ExperimentDecision.PARTIAL_ADOPT: {
      const ids = input.adoptModelIds ?? [];
      const problems: Problem[] = [];
      ids.forEach((id, i) => {
        const link = links.find((l) => l.modelId === id);
        if (!link) problems.push({ path: `${prefix}.adoptModelIds[${i}]`, message: `model ${id} is not linked to the experiment` });
        else if (link.role !== ExperimentModelRole.CANDIDATE) problems.push({ path: `${prefix}.adoptModelIds[${i}]`, message: `model ${id} is the experiment's ${link.role}; only CANDIDATE models can be adopted` });
      });
      return { ids: problems.length ? [] : ids, problems };
    }
    default:
      return assertUnreachable(input.decision);
  }
}

/** (observed − baseline) / |baseline|; null when the baseline is 0. */
export function relativeChange(baseline: number, observed: number): number | null {
  return baseline === 0 ? null : (observed - baseline) / Math.abs(baseline);
}

/** Results as stored: trimmed text, the relative change computed once. */
export function toResults(inputs: readonly ExperimentResultInput[]): ExperimentResult[] {
  return inputs.map((r) => ({ metric: r.metric.trim(), baseline: r.baseline, observed: r.observed, relativeChange: relativeChange(r.baseline, r.observed), note: r.note?.trim() || null }));
}
