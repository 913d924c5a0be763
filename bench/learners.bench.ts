/**
 * Learner timings: each family's default run on the shipped data, without a database or a worker.
 *
 *   npm run bench:learners                               # builds @modelyard/seeds first
 *   LEARNERS_FAMILIES=FORECASTING,PRICING LEARNERS_TYPES=TRAIN LEARNERS_REPEAT=3 npm run bench:learners
 *
 * For each family of api/src/ml/registry.ts and each job type (TRAIN, EVAL, BACKTEST), the learner
 * gets what the worker would give it for a run queued with the defaults: the family's seeded
 * recipe manifest (`buildDemoData(now).recipes[family].version.manifest`), params {}, the data set
 * { name: datasetNameOf(family), seed: 1, size: 'DEFAULT' } and, for EVAL, trainedModel null (so EVAL
 * fits first, as for a model without a TRAIN run). A second EVAL row, `EVAL (trained)`, passes the
 * `model.json` of the TRAIN run instead (the usual EVAL after a TRAIN). Hooks are no-ops that count
 * their calls. Each run is timed wall-clock (data-set generation included: the learner does it);
 * the figure is the median of REPEAT (3) runs, or of 1 when the first run takes more than 20 s.
 * The CPU column is the median CPU time of the same runs (process.cpuUsage, user + system; GC threads
 * included): on a busy machine the wall time grows with the load, the CPU time hardly does.
 * The final metrics are printed for the keys of the family's seeded evaluation pack.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildDemoData } from '@modelyard/seeds';
import { datasetNameOf, learnerOf } from '../api/src/ml/registry.js';
import type { Family, JobHooks, JobInput, JobOutput, JobType, RunJob } from '../api/src/ml/types.js';

const ALL_FAMILIES: Family[] = ['FORECASTING', 'PRICING', 'NEXT_BEST_ACTION', 'LOCATION_SCORING'];
const FAMILIES = (process.env.LEARNERS_FAMILIES?.split(',').map((s) => s.trim()).filter(Boolean) ?? ALL_FAMILIES) as Family[];
const TYPES = (process.env.LEARNERS_TYPES?.split(',').map((s) => s.trim()).filter(Boolean) ?? ['TRAIN', 'EVAL', 'BACKTEST']) as JobType[];
const REPEAT = Number(process.env.LEARNERS_REPEAT ?? 3);
const SLOW_MS = 20_000;

interface Counts { progress: number; log: number; metricCalls: number; metricPoints: number }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function hooks(counts: Counts): JobHooks {
  return {
    progress: async () => void counts.progress++,
    log: async () => void counts.log++,
    metricPoints: async (points) => {
      counts.metricCalls++;
      counts.metricPoints += points.length;
    },
  };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timeOnce(job: RunJob, input: JobInput): Promise<{ ms: number; cpu: number; output: JobOutput; counts: Counts }> {
  const counts: Counts = { progress: 0, log: 0, metricCalls: 0, metricPoints: 0 };
  const cpu0 = cpuMs();
  const t = performance.now();
  const output = await job(structuredClone(input), hooks(counts));
  return { ms: performance.now() - t, cpu: cpuMs() - cpu0, output, counts };
}

interface Row {
  family: string;
  type: string;
  runs: number[];
  seconds: number;
  cpuSeconds: number;
  counts: Counts;
  metrics: Record<string, number>;
  windows: number;
  artifacts: number;
  error?: string;
}

const demo = buildDemoData(new Date());
const rows: Row[] = [];
const packKeys = new Map<string, string[]>();

for (const family of FAMILIES) {
  const recipe = demo.recipes.find((r) => r.family === family);
  const pack = demo.packs.find((p) => p.family === family);
  packKeys.set(family, (pack?.version.rules ?? []).map((r: { key: string }) => r.key));
  let job: RunJob;
  try {
    job = await learnerOf(family);
  } catch (err) {
    rows.push({ family, type: '—', runs: [], seconds: NaN, cpuSeconds: NaN, counts: { progress: 0, log: 0, metricCalls: 0, metricPoints: 0 }, metrics: {}, windows: 0, artifacts: 0, error: `learner did not load: ${(err as Error).message.split('\n')[0]}` });
    console.error(`${family}: learner did not load: ${(err as Error).message}`);
    continue;
  }
  if (!recipe) throw new Error(`no seeded recipe for ${family}`);
  const base = {
    family,
    manifest: structuredClone(recipe.version.manifest) as Record<string, unknown>,
    params: {},
    dataset: { name: datasetNameOf(family), seed: 1, size: 'DEFAULT' as const },
    trainedModel: null as unknown,
  };
  let trained: unknown = null;
  const cases: { label: string; input: () => JobInput }[] = [];
  for (const type of TYPES) {
    cases.push({ label: type, input: () => ({ ...base, type }) });
    if (type === 'EVAL' && TYPES.includes('TRAIN')) cases.push({ label: 'EVAL (trained)', input: () => ({ ...base, type, trainedModel: trained }) });
  }
  // TRAIN first so that EVAL (trained) has a model.json.
  cases.sort((a, b) => (a.label === 'TRAIN' ? -1 : b.label === 'TRAIN' ? 1 : 0));
  for (const c of cases) {
    if (c.label === 'EVAL (trained)' && trained === null) continue;
    const runs: number[] = [];
    const cpus: number[] = [];
    let last: Awaited<ReturnType<typeof timeOnce>> | undefined;
    try {
      for (let i = 0; i < REPEAT; i++) {
        last = await timeOnce(job, c.input());
        runs.push(last.ms);
        cpus.push(last.cpu);
        if (last.ms > SLOW_MS) break;
      }
    } catch (err) {
      rows.push({ family, type: c.label, runs, seconds: NaN, cpuSeconds: NaN, counts: { progress: 0, log: 0, metricCalls: 0, metricPoints: 0 }, metrics: {}, windows: 0, artifacts: 0, error: (err as Error).message.split('\n')[0] });
      console.error(`${family} ${c.label} failed:`, err);
      continue;
    }
    if (c.label === 'TRAIN') trained = last!.output.artifacts.find((a) => a.name === 'model.json')?.content ?? null;
    const row: Row = {
      family,
      type: c.label,
      runs,
      seconds: median(runs) / 1000,
      cpuSeconds: median(cpus) / 1000,
      counts: last!.counts,
      metrics: last!.output.metrics,
      windows: last!.output.backtestWindows?.length ?? 0,
      artifacts: last!.output.artifacts.length,
    };
    rows.push(row);
    console.error(`${family} ${c.label}: ${runs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s`);
  }
}

const fmtMetric = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toFixed(4));
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`);
console.log(`runs: params {}, data set seed 1 size DEFAULT, no-op hooks; median of ${REPEAT} (1 when a run takes > ${SLOW_MS / 1000} s)`);
console.log('');
console.log('| family | type | seconds | CPU s | runs (s) | progress / log / metricPoints calls (points) | windows | final metrics (pack keys) |');
console.log('|---|---|---:|---:|---|---|---:|---|');
for (const r of rows) {
  const keys = packKeys.get(r.family) ?? [];
  const metrics = r.error
    ? `**error**: ${r.error}`
    : keys.map((k) => `${k} ${k in r.metrics ? fmtMetric(r.metrics[k]!) : '—'}`).join(', ')
      + (Object.keys(r.metrics).some((k) => !keys.includes(k)) ? ` (+ ${Object.keys(r.metrics).filter((k) => !keys.includes(k)).join(', ')})` : '');
  const seconds = Number.isNaN(r.seconds) ? '—' : r.seconds.toFixed(2);
  const calls = r.error ? '—' : `${r.counts.progress} / ${r.counts.log} / ${r.counts.metricCalls} (${r.counts.metricPoints})`;
  const cpuSeconds = Number.isNaN(r.cpuSeconds) ? '—' : r.cpuSeconds.toFixed(2);
  console.log(`| ${r.family} | ${r.type} | ${seconds} | ${cpuSeconds} | ${r.runs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} | ${calls} | ${r.windows || ''} | ${metrics} |`);
}
if (rows.some((r) => r.error)) process.exitCode = 1;
