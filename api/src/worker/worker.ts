import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type PgBoss from 'pg-boss';
import type { Context } from '../platform/context.js';
import { DomainError } from '../platform/errors.js';
import type { EventBus } from '../platform/events/bus.js';
import { type JobQueue, RUN_QUEUE, type RunJobData, SCHEDULE_TICK } from '../platform/jobs/queue.js';
import { runDueSchedules } from '../modules/schedules/schedule.service.js';
import { Loaders } from '../platform/loaders.js';
import type { Logger } from '../platform/logger.js';
import { learnerOf } from '../ml/registry.js';
import { type JobHooks, type JobInput, type JobOutput, JobCancelled, JobInputError, type LogLevel, type MetricPoint } from '../ml/types.js';
import { raiseBacktestDegradationAlert } from '../modules/alerts/alert.rules.js';
import { Model } from '../modules/models/model.entity.js';
import { Recipe } from '../modules/recipes/recipe.entity.js';
import { RecipeVersion } from '../modules/recipes/recipe-version.entity.js';
import { resolvedManifest } from '../modules/recipes/recipe.service.js';
import { BacktestWindow, RunArtifact, RunMetricPoint } from '../modules/runs/run-detail.entities.js';
import { Run } from '../modules/runs/run.entity.js';
import { LogLevel as RunLogLevel, RunStatus, RunType } from '../modules/runs/run.enums.js';
import { appendRunLogs, emitRunUpdated, lockRun, logRunMetrics, updateRunStatus } from '../modules/runs/run.service.js';
import { Workspace } from '../modules/workspaces/workspace.entity.js';
import { ReferenceProfileSource } from '../modules/monitoring/monitoring.types.js';
import { profilesFromTraining, storeProfiles } from '../modules/monitoring/reference-profile.service.js';
import { readArtifact, storeArtifacts } from './artifacts.js';
import { backtestTrend } from './backtest-trend.js';

export interface WorkerOptions {
  orm: MikroORM;
  log: Logger;
  bus: EventBus;
  queue: JobQueue;
  /** Where artifacts are written (`<dir>/<workspace>/<run>/<name>`). */
  artifactDir: string;
  /** Runs executed at once by this process (learners are CPU-bound: 1 per core is plenty). */
  concurrency?: number;
  /** A RUNNING run whose worker shows no sign of life for this long is handed to another worker (or failed when no retry is left). */
  heartbeatTimeoutSeconds?: number;
  sweepEverySeconds?: number;
  pollingIntervalSeconds?: number;
}

export interface RunningWorker {
  close(): Promise<void>;
}

const PROGRESS_EVENT_EVERY_MS = 250;
const METRIC_BATCH = 5_000;
const HEARTBEAT_EVERY_MS = 5_000;

/** A context acting for the worker in the run's workspace; fresh loaders each time so nothing is read from a stale cache. */
function contextFor(options: WorkerOptions, workspaceId: string, em: EntityManager = options.orm.em.fork({ useContext: false })): Context {
  return { em, loaders: new Loaders(), bus: options.bus, queue: options.queue, caller: { workspaceSlug: workspaceId, workspaceId, actor: 'worker', authenticated: true } };
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Takes the run for this attempt: QUEUED → RUNNING (attempt 1), or, when a previous attempt died or
 * failed transiently, starts it over (attempt n + 1: its partial metric history, windows and
 * artifacts are removed). Null when there is nothing to do (finished, or cancelled meanwhile).
 */
async function claimRun(options: WorkerOptions, data: RunJobData, jobId: string): Promise<Run | null> {
  const ctx = contextFor(options, data.workspaceId);
  return ctx.em.transactional(async (em) => {
    const run = await lockRun(em, data.workspaceId, data.runId).catch(() => null);
    if (!run || (run.status !== RunStatus.QUEUED && run.status !== RunStatus.RUNNING)) return null;
    const now = new Date();
    if (run.status === RunStatus.RUNNING) {
      await em.nativeDelete(RunMetricPoint, { run: run.id });
      await em.nativeDelete(BacktestWindow, { run: run.id });
      await em.nativeDelete(RunArtifact, { run: run.id });
      run.metrics = [];
    }
    run.status = RunStatus.RUNNING;
    run.startedAt ??= now;
    run.attempt += 1;
    run.progress = 0;
    run.heartbeatAt = now;
    run.jobId = jobId;
    await em.flush();
    await emitRunUpdated(em, data.workspaceId, run);
    return run;
  });
}

/** Reports a learner's progress, logs and metric points as run updates (so subscribers see them live), and notices cancellation. */
class RunReporter {
  private points: MetricPoint[] = [];
  private lastProgressEvent = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly options: WorkerOptions, private readonly run: Run) {
    // Between hook calls (I/O waits), keep the heartbeat fresh.
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
  }

  private ctx() {
    return contextFor(this.options, this.run.workspace.id);
  }

  private async beat(): Promise<void> {
    try {
      await this.options.orm.em.fork().nativeUpdate(Run, { id: this.run.id, status: RunStatus.RUNNING }, { heartbeatAt: new Date() });
    } catch (err) {
      this.options.log.warn({ err, runId: this.run.id }, 'heartbeat failed');
    }
  }

  stop(): void {
    clearInterval(this.heartbeat);
  }

  readonly hooks: JobHooks = {
    progress: async (fraction) => {
      await this.flushPoints();
      const ctx = this.ctx();
      const now = Date.now();
      await ctx.em.transactional(async (em) => {
        const run = await lockRun(em, this.run.workspace.id, this.run.id);
        if (run.status !== RunStatus.RUNNING || run.cancelRequestedAt) throw new JobCancelled(`Run ${run.id} was cancelled`);
        run.progress = Math.min(1, Math.max(0, fraction));
        run.heartbeatAt = new Date();
        await em.flush();
        if (now - this.lastProgressEvent >= PROGRESS_EVENT_EVERY_MS || fraction >= 1) {
          this.lastProgressEvent = now;
          await emitRunUpdated(em, this.run.workspace.id, run);
        }
      });
    },
    log: async (level: LogLevel, text: string) => {
      await appendRunLogs(this.ctx(), { runId: this.run.id, lines: [{ level: level as RunLogLevel, message: text.slice(0, 10_000) }] });
    },
    metricPoints: async (points) => {
      this.points.push(...points);
      if (this.points.length >= METRIC_BATCH) await this.flushPoints();
    },
  };

  async flushPoints(): Promise<void> {
    while (this.points.length) {
      const batch = this.points.splice(0, METRIC_BATCH);
      await logRunMetrics(this.ctx(), { runId: this.run.id, points: batch.map((p) => ({ key: p.key, step: p.step, value: p.value })) });
    }
  }
}

/** What the learner needs: the resolved manifest, params, data set, and (for EVAL) the model's latest trained parameters. */
async function jobInput(options: WorkerOptions, run: Run): Promise<{ input: JobInput; recipe: Recipe; version: RecipeVersion }> {
  const ctx = contextFor(options, run.workspace.id);
  const version = await ctx.em.findOneOrFail(RecipeVersion, run.recipeVersion.id);
  const recipe = await ctx.em.findOneOrFail(Recipe, run.recipe.id);
  const manifest = (await resolvedManifest(ctx, version)) as Record<string, unknown>;
  let trainedModel: unknown = null;
  if (run.type === RunType.EVAL) {
    const artifact = await ctx.em.findOne(
      RunArtifact,
      { name: 'model.json', run: { model: run.model.id, type: RunType.TRAIN, status: RunStatus.SUCCEEDED } },
      { orderBy: { createdAt: 'DESC' } },
    );
    if (artifact) trainedModel = await readArtifact(artifact.uri, artifact.checksum);
  }
  if (!run.dataset) throw new JobInputError(`Run ${run.id} names no data set`);
  return {
    recipe,
    version,
    input: {
      family: recipe.family as JobInput['family'],
      type: run.type as JobInput['type'],
      manifest,
      params: Object.fromEntries(run.params.map((p) => [p.key, p.value])),
      dataset: { name: run.dataset.name, seed: run.dataset.seed, size: run.dataset.size as 'SMALL' | 'DEFAULT' },
      trainedModel,
    },
  };
}

/**
 * Artifacts, backtest windows, BACKTEST_DEGRADATION, the reference profiles of a TRAIN run's drift
 * features and SUCCEEDED (evaluation and arena rules included) in one transaction.
 */
async function finishRun(options: WorkerOptions, run: Run, manifest: Record<string, unknown>, output: JobOutput): Promise<void> {
  const workspaceId = run.workspace.id;
  const stored = await storeArtifacts(options.artifactDir, workspaceId, run.id, output.artifacts);
  // Sketches and samples are computed before the transaction (CPU work holds no locks).
  const reference = run.type === RunType.TRAIN && output.referenceColumns ? profilesFromTraining(output.referenceColumns) : { profiles: [], skipped: [] };
  if (reference.skipped.length) options.log.warn({ runId: run.id, features: reference.skipped }, 'reference columns without usable values: no profile stored');
  const ctx = contextFor(options, workspaceId);
  await ctx.em.transactional(async (em) => {
    const tctx = contextFor(options, workspaceId, em);
    const locked = await lockRun(em, workspaceId, run.id);
    if (locked.cancelRequestedAt) throw new JobCancelled(`Run ${run.id} was cancelled`);
    const workspace = em.getReference(Workspace, workspaceId);
    for (const a of stored) em.create(RunArtifact, { workspace, run: locked, name: a.name, uri: a.uri, sizeBytes: a.sizeBytes, kind: a.kind, metadata: a.metadata, checksum: a.checksum });
    const windows = output.backtestWindows ?? [];
    if (windows.length) {
      await em.insertMany(BacktestWindow, windows.map((w) => ({
        workspace, run: locked, index: w.index, trainStart: w.trainStart, trainEnd: w.trainEnd, testStart: w.testStart, testEnd: w.testEnd,
        metrics: Object.entries(w.metrics).map(([key, value]) => ({ key, value })), createdAt: new Date(),
      })));
      const trend = backtestTrend(manifest, windows);
      if (trend && trend.worsening > trend.tolerance) {
        await raiseBacktestDegradationAlert(em, tctx, locked, await em.findOneOrFail(Model, locked.model.id), trend, new Date());
      }
    }
    await em.flush();
    await storeProfiles(em, workspaceId, locked.model.id, reference.profiles, { source: ReferenceProfileSource.TRAINING_RUN, runId: locked.id, at: new Date() });
    const metrics = Object.entries(output.metrics).filter(([, v]) => Number.isFinite(v)).map(([key, value]) => ({ key, value }));
    await updateRunStatus(tctx, { runId: run.id, status: RunStatus.SUCCEEDED, metrics });
  });
}

/** Ends a run that could not succeed; a run that is already finished stays as it is. */
async function endRun(options: WorkerOptions, run: Run, status: RunStatus.FAILED | RunStatus.CANCELLED, error?: string): Promise<void> {
  try {
    await updateRunStatus(contextFor(options, run.workspace.id), { runId: run.id, status, error: error?.slice(0, 10_000) });
  } catch (err) {
    if (!(err instanceof DomainError && err.code === 'CONFLICT')) throw err;
  }
}

async function executeJob(options: WorkerOptions, job: PgBoss.JobWithMetadata<RunJobData>): Promise<void> {
  const { log } = options;
  const run = await claimRun(options, job.data, job.id);
  if (!run) return;
  const reporter = new RunReporter(options, run);
  const started = Date.now();
  try {
    const { input, recipe, version } = await jobInput(options, run);
    await reporter.hooks.log('INFO', `Attempt ${run.attempt}: ${run.type} of ${recipe.name} ${version.version} on ${input.dataset.name} (seed ${input.dataset.seed}, ${input.dataset.size})`);
    const learner = await learnerOf(recipe.family);
    const output = await learner(input, reporter.hooks);
    await reporter.flushPoints();
    await finishRun(options, run, input.manifest, output);
    log.info({ runId: run.id, ms: Date.now() - started }, 'run succeeded');
  } catch (err) {
    if (err instanceof JobCancelled) {
      await endRun(options, run, RunStatus.CANCELLED);
      log.info({ runId: run.id }, 'run cancelled');
      return;
    }
    if (err instanceof JobInputError) {
      await endRun(options, run, RunStatus.FAILED, err.message);
      log.info({ runId: run.id, reason: err.message }, 'run failed: bad input');
      return;
    }
    if (job.retryCount < job.retryLimit) {
      await reporter.hooks.log('WARN', `Attempt ${run.attempt} failed: ${message(err)}. It will be retried.`).catch(() => undefined);
      log.warn({ err, runId: run.id, attempt: run.attempt }, 'run attempt failed; retrying');
      throw err;
    }
    await endRun(options, run, RunStatus.FAILED, `Failed after ${run.attempt} attempts: ${message(err)}`);
    log.error({ err, runId: run.id }, 'run failed');
  } finally {
    reporter.stop();
  }
}

/**
 * Finds RUNNING runs whose worker stopped beating and fails their job, so pg-boss hands it to a
 * live worker (which starts the run over); when no retry is left, the run is FAILED. Rows are taken
 * with SKIP LOCKED so that several workers never handle the same run.
 */
async function sweepStalled(options: WorkerOptions, timeoutSeconds: number): Promise<void> {
  const em = options.orm.em.fork();
  await em.transactional(async (tem) => {
    const rows = (await tem.execute(
      `select id, workspace_id, job_id from run where status = 'RUNNING' and job_id is not null and heartbeat_at < now() - make_interval(secs => ?) order by heartbeat_at limit 50 for update skip locked`,
      [timeoutSeconds],
    )) as { id: string; workspace_id: string; job_id: string }[];
    for (const row of rows) {
      const job = await options.queue.boss.getJobById<RunJobData>(RUN_QUEUE, row.job_id, { includeArchive: true });
      if (job?.state === 'active') {
        options.log.warn({ runId: row.id, jobId: row.job_id }, 'run stalled (no heartbeat): handing it to another worker');
        await options.queue.boss.fail(RUN_QUEUE, row.job_id, { message: `no heartbeat for ${timeoutSeconds} s` });
        const after = await options.queue.boss.getJobById<RunJobData>(RUN_QUEUE, row.job_id, { includeArchive: true });
        if (after?.state === 'retry' || after?.state === 'created') {
          // The retry keeps the job id and becomes `active` again before the next worker's claimRun
          // refreshes the heartbeat: without a fresh one now, a sweep in that moment would take the
          // run for stalled again and hand it over a second time.
          await tem.nativeUpdate(Run, { id: row.id }, { heartbeatAt: new Date() });
          continue;
        }
      } else if (job && (job.state === 'retry' || job.state === 'created')) {
        continue;
      }
      const run = await tem.findOneOrFail(Run, row.id);
      await endRun(options, run, RunStatus.FAILED, `The worker running it stopped responding (no heartbeat for ${timeoutSeconds} s) and no retry is left`);
    }
  });
}

/** Starts executing queued runs; `close` stops taking new ones and waits for the running ones (up to pg-boss's stop timeout). */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { queue, log } = options;
  const concurrency = options.concurrency ?? 1;
  const timeout = options.heartbeatTimeoutSeconds ?? 120;
  for (let i = 0; i < concurrency; i++) {
    await queue.boss.work<RunJobData>(
      RUN_QUEUE,
      { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
      async ([job]) => {
        if (job) await executeJob(options, job);
      },
    );
  }
  await queue.boss.schedule(SCHEDULE_TICK, '* * * * *', {}, { tz: 'UTC' });
  await queue.boss.work(SCHEDULE_TICK, { pollingIntervalSeconds: 5 }, async () => {
    const queued = await runDueSchedules(options.orm.em.fork(), queue, options.bus, new Date());
    if (queued.length) log.info({ runs: queued.map((r) => r.id) }, 'scheduled runs queued');
  });
  const sweep = setInterval(() => {
    sweepStalled(options, timeout).catch((err) => log.warn({ err }, 'sweeping stalled runs failed'));
  }, (options.sweepEverySeconds ?? 30) * 1000);
  sweep.unref();
  log.info({ concurrency, heartbeatTimeoutSeconds: timeout }, 'worker started');
  return {
    close: async () => {
      clearInterval(sweep);
      await queue.boss.offWork(RUN_QUEUE);
      await queue.boss.offWork(SCHEDULE_TICK);
    },
  };
}
