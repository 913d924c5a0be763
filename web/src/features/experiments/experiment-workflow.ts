/**
 * The experiment workflow as the dashboard shows it (SPEC.md "A/B tests and experiments"): the
 * board's columns, the actions each status offers, the timeline of an experiment's audit events,
 * and the inputs of the propose and complete forms, checked before anything is sent.
 * Pure functions, unit-tested in experiment-workflow.test.ts.
 */
import type { FormProblem } from '@/lib/form-draft';
import type { ExperimentDecision, ExperimentModelRole, ExperimentStatus } from '@/gql/graphql';
import { EXPERIMENT_STATUSES, oneOf } from '@/lib/enums';
import { formatEnumLabel } from '@/lib/format';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { type CursorPage, parseCursorPage } from '@/lib/url-state';

// --- the board ---------------------------------------------------------------------------------

/** Cards per column on the board; a column with more links to its own paged list. */
export const BOARD_CARDS = 20;
/** Cards per page of one column's list (`?status=`). */
export const COLUMN_PAGE_SIZE = 48;

/** What each column holds, in a few words (under the column title). */
export const STATUS_HINTS: Readonly<Record<ExperimentStatus, string>> = {
  PROPOSED: 'Waiting for approval',
  APPROVED: 'Approved, not started',
  IN_PROGRESS: 'Being run',
  SHADOW_TESTING: 'Candidates scored in shadow',
  COMPLETED: 'Decided',
  REJECTED: 'Not pursued',
};

export interface BoardColumn<T> {
  status: ExperimentStatus;
  label: string;
  hint: string;
  /** Experiments in this status (matching the search), across all pages. */
  count: number;
  cards: readonly T[];
  /** count − cards shown. */
  hidden: number;
}

/**
 * The board's columns in workflow order (PROPOSED … COMPLETED, REJECTED), each with its count
 * from `experimentCounts` (0 when the API did not list the status) and its first cards.
 * `only`: the one column a `?status=` view shows.
 */
export function buildBoard<T>(
  counts: ReadonlyArray<{ status: ExperimentStatus; count: number }>,
  cards: Partial<Record<ExperimentStatus, readonly T[]>>,
  only: ExperimentStatus | null = null,
): BoardColumn<T>[] {
  const countOf = new Map(counts.map((c) => [c.status, c.count]));
  return EXPERIMENT_STATUSES.filter((status) => !only || status === only).map((status) => {
    const shown = cards[status] ?? [];
    const count = Math.max(countOf.get(status) ?? 0, shown.length);
    return { status, label: formatEnumLabel(status), hint: STATUS_HINTS[status], count, cards: shown, hidden: Math.max(0, count - shown.length) };
  });
}

export interface ExperimentBoardState {
  q: string;
  /** One column as a paged list, or null for the board. */
  status: ExperimentStatus | null;
  page: CursorPage;
}

export function parseExperimentBoardParams(params: SearchParams): ExperimentBoardState {
  const status = oneOf(EXPERIMENT_STATUSES, firstParam(params, 'status'));
  return {
    q: (firstParam(params, 'q') ?? '').trim().slice(0, 200),
    status,
    page: status ? parseCursorPage(params) : { after: null, trail: [], index: 0 },
  };
}

// --- actions -----------------------------------------------------------------------------------

export type ExperimentAction = 'approve' | 'reject' | 'start' | 'shadow' | 'complete';

/** The transitions the API allows from a status (PROPOSED → APPROVED | REJECTED, …), as actions. */
export function allowedExperimentActions(status: ExperimentStatus): ExperimentAction[] {
  switch (status) {
    case 'PROPOSED':
      return ['approve', 'reject'];
    case 'APPROVED':
      return ['start'];
    case 'IN_PROGRESS':
      return ['shadow', 'complete'];
    case 'SHADOW_TESTING':
      return ['complete'];
    case 'COMPLETED':
    case 'REJECTED':
      return [];
  }
}

export const ACTION_LABELS: Readonly<Record<ExperimentAction, string>> = {
  approve: 'Approve',
  reject: 'Reject…',
  start: 'Start',
  shadow: 'Start shadow testing',
  complete: 'Complete…',
};

// --- timeline ----------------------------------------------------------------------------------

export interface AuditEventLike {
  id: string;
  action: string;
  actor: string;
  createdAt: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface TimelineEntry {
  id: string;
  at: string;
  actor: string;
  /** "Proposed", "Approved", "Completed: ADOPT", "Linked 1 model", "Edited hypothesis" … */
  title: string;
  /** The status the experiment went to (workflow steps only). */
  status: ExperimentStatus | null;
  /** The note or rationale given with the step. */
  reason: string | null;
}

const STEP_TITLES: Readonly<Record<string, string>> = {
  propose: 'Proposed',
  approve: 'Approved',
  reject: 'Rejected',
  start: 'Started',
  shadow: 'Shadow testing started',
  complete: 'Completed',
};

const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'name',
  hypothesis: 'hypothesis',
  targetMetric: 'target metric',
  expectedImprovement: 'expected improvement',
  description: 'description',
};

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "1 model, 2 runs" from an `experiment.link` / `experiment.unlink` audit payload. */
function linkSummary(payload: Record<string, unknown>): string {
  const parts: string[] = [];
  const count = (key: string) => (Array.isArray(payload[key]) ? (payload[key] as unknown[]).length : 0);
  if (count('models')) parts.push(plural(count('models'), 'model'));
  if (count('runs')) parts.push(plural(count('runs'), 'run'));
  if (count('abTests')) parts.push(plural(count('abTests'), 'A/B test'));
  return parts.join(', ') || 'nothing';
}

/**
 * An experiment's history, oldest first, from its audit events (`experiment.<verb>`, newest first
 * as the API lists them): each workflow step with who, when, the status it led to and the note or
 * rationale; edits and (un)links in between.
 */
export function buildTimeline(events: readonly AuditEventLike[]): TimelineEntry[] {
  return [...events]
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .map((event) => {
      const verb = event.action.replace(/^experiment\./, '');
      const after = record(event.after);
      const status = oneOf(EXPERIMENT_STATUSES, typeof after.status === 'string' ? after.status : null);
      let title = STEP_TITLES[verb];
      if (verb === 'complete' && typeof after.decision === 'string') title = `Completed: ${formatEnumLabel(after.decision)}`;
      if (verb === 'link') title = `Linked ${linkSummary(after)}`;
      if (verb === 'unlink') title = `Unlinked ${linkSummary(record(event.before))}`;
      if (verb === 'update') {
        const fields = Object.keys(after).map((k) => FIELD_LABELS[k] ?? k);
        title = fields.length ? `Edited ${fields.join(', ')}` : 'Edited';
      }
      return {
        id: event.id,
        at: event.createdAt,
        actor: event.actor,
        title: title ?? formatEnumLabel(verb),
        status: STEP_TITLES[verb] ? status : null,
        reason: event.reason?.trim() || null,
      };
    });
}

// --- forms ---------------------------------------------------------------------------------------

export type { FormProblem };

/** "5" or "5 %" or "0.05"? The form asks for percent: "5" → 0.05. Null when it is not a positive number. */
export function parsePercent(text: string): number | null {
  const cleaned = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!cleaned) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) && value > 0 ? value / 100 : null;
}

export interface ProposalFormState {
  name: string;
  hypothesis: string;
  targetMetric: string;
  /** Percent, as typed. */
  expectedImprovement: string;
  description: string;
  models: Array<{ modelId: string; role: ExperimentModelRole }>;
}

export const EMPTY_PROPOSAL: ProposalFormState = { name: '', hypothesis: '', targetMetric: '', expectedImprovement: '', description: '', models: [] };

export interface ProposalInput {
  name: string;
  hypothesis: string;
  targetMetric: string;
  expectedImprovement: number;
  description: string;
  models: Array<{ modelId: string; role: ExperimentModelRole }>;
}

/** The proposeExperiment input, or the problems the form can see (every one at once). */
export function buildProposalInput(state: ProposalFormState): { input: ProposalInput | null; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const required = (field: keyof ProposalFormState, label: string) => {
    if (!String(state[field]).trim()) problems.push({ field, message: `${label} is required.` });
  };
  required('name', 'A name');
  required('hypothesis', 'A hypothesis');
  required('targetMetric', 'A target metric');
  const improvement = parsePercent(state.expectedImprovement);
  if (improvement == null) problems.push({ field: 'expectedImprovement', message: 'The expected improvement must be a positive percentage, e.g. 5 for 5 %.' });
  const models = state.models.filter((m) => m.modelId);
  const seen = new Set<string>();
  for (const m of models) {
    if (seen.has(m.modelId)) problems.push({ field: 'models', message: 'A model is listed twice.' });
    seen.add(m.modelId);
  }
  if (problems.length || improvement == null) return { input: null, problems };
  return {
    input: {
      name: state.name.trim(),
      hypothesis: state.hypothesis.trim(),
      targetMetric: state.targetMetric.trim(),
      expectedImprovement: improvement,
      description: state.description.trim(),
      models,
    },
    problems,
  };
}

export interface ResultRow {
  metric: string;
  baseline: string;
  observed: string;
  note: string;
}

export interface CompletionFormState {
  decision: ExperimentDecision;
  rationale: string;
  resultsSummary: string;
  results: ResultRow[];
  /** PARTIAL_ADOPT: the CANDIDATE models to adopt. */
  adoptModelIds: string[];
}

export interface CompletionInput {
  id: string;
  decision: ExperimentDecision;
  rationale: string;
  resultsSummary?: string;
  results: Array<{ metric: string; baseline: number; observed: number; note?: string }>;
  adoptModelIds?: string[];
}

function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(',', '.');
  if (!cleaned) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/**
 * The completeExperiment input, or the problems the form can see: a rationale is required, every
 * result row that is not blank needs a metric and two numbers, PARTIAL_ADOPT needs models (and
 * only PARTIAL_ADOPT names them). The API checks the rest (e.g. whether a model can be adopted).
 */
export function buildCompletionInput(id: string, state: CompletionFormState): { input: CompletionInput | null; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (!state.rationale.trim()) problems.push({ field: 'rationale', message: 'A rationale is required to complete an experiment.' });
  const results: CompletionInput['results'] = [];
  state.results.forEach((row, i) => {
    if (!row.metric.trim() && !row.baseline.trim() && !row.observed.trim() && !row.note.trim()) return;
    const baseline = parseNumber(row.baseline);
    const observed = parseNumber(row.observed);
    if (!row.metric.trim()) problems.push({ field: `results.${i}`, message: `Result ${i + 1}: name the metric.` });
    if (baseline == null) problems.push({ field: `results.${i}`, message: `Result ${i + 1}: the baseline must be a number.` });
    if (observed == null) problems.push({ field: `results.${i}`, message: `Result ${i + 1}: the observed value must be a number.` });
    if (row.metric.trim() && baseline != null && observed != null) {
      results.push({ metric: row.metric.trim(), baseline, observed, ...(row.note.trim() ? { note: row.note.trim() } : {}) });
    }
  });
  if (state.decision === 'PARTIAL_ADOPT' && state.adoptModelIds.length === 0) {
    problems.push({ field: 'adoptModelIds', message: 'Partial adoption: pick the candidate models to adopt.' });
  }
  if (problems.length) return { input: null, problems };
  return {
    input: {
      id,
      decision: state.decision,
      rationale: state.rationale.trim(),
      ...(state.resultsSummary.trim() ? { resultsSummary: state.resultsSummary.trim() } : {}),
      results,
      ...(state.decision === 'PARTIAL_ADOPT' ? { adoptModelIds: [...state.adoptModelIds] } : {}),
    },
    problems,
  };
}

/** The relative change of a result as the table shows it: "−12.5 %", "+3 %", "—" without a baseline. */
export function formatRelativeChange(change: number | null | undefined): string {
  if (change == null || !Number.isFinite(change)) return '—';
  const pct = Number((change * 100).toPrecision(3));
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct)} %`;
}
