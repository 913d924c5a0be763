/**
 * Drift statistics timing: one numeric feature, 1,000,000 current values against a 100,000-value reference.
 *
 *   npm run bench:drift
 *   DRIFT_CURRENT=200000 DRIFT_REFERENCE=50000 DRIFT_REPEAT=7 npm run bench:drift
 *
 * Data: seeded (mulberry32 + Box–Muller) normal values; the reference ~ N(50, 10²), the current ~ N(51, 11²) (shifted and
 * scaled, so that every statistic has something to measure). The reference profile (its sketch) is computed once,
 * outside the timings, as it would be when the profile is captured at training time; its sample is all 100,000 values.
 *
 * Timed, in-process: `numericDrift(reference, current)` — sorting both samples, the current sketch (count, mean, std,
 * min, max, 101 quantiles), decile bins + PSI + Jensen–Shannon, two-sample KS (asymptotic p-value: n > 10,000) and the
 * Wasserstein distance (raw and normed). The figure is the median of DRIFT_REPEAT (5) runs.
 *
 * When `python3 -c 'import scipy'` works, the same computation runs in numpy/scipy on the same values (written to a
 * temporary file as raw float64 and read with `np.fromfile`), timed in the Python process the same way: np.quantile
 * sketch + mean/std/min/max of the current values, np.searchsorted/np.bincount binning of both samples + PSI +
 * scipy.spatial.distance.jensenshannon, scipy.stats.ks_2samp(method='asymp'), scipy.stats.wasserstein_distance. The
 * ratio is TypeScript time / scipy time (target ≤ 2), and both results are printed side by side.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../api/src/ml/common/random.js';
import { numericDrift, sketchNumeric, type NumericDrift } from '../api/src/ml/stats/index.js';

const N_CURRENT = Number(process.env.DRIFT_CURRENT ?? 1_000_000);
const N_REFERENCE = Number(process.env.DRIFT_REFERENCE ?? 100_000);
const REPEAT = Number(process.env.DRIFT_REPEAT ?? 5);

function normals(n: number, mean: number, sd: number, seed: number): Float64Array {
  const next = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u1 = next() + 2 ** -33;
    const u2 = next();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = mean + sd * r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < n) out[i + 1] = mean + sd * r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const reference = normals(N_REFERENCE, 50, 10, 1);
const current = normals(N_CURRENT, 51, 11, 2);
const profile = { sample: reference, sketch: sketchNumeric(reference) };

const tsRuns: number[] = [];
let result: NumericDrift | undefined;
for (let i = 0; i < REPEAT; i++) {
  const t = performance.now();
  result = numericDrift(profile, current);
  tsRuns.push(performance.now() - t);
}
const tsMs = median(tsRuns);

const PY = String.raw`
import json, sys, time
import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon
ref = np.fromfile(sys.argv[1], dtype='<f8')
cur = np.fromfile(sys.argv[2], dtype='<f8')
repeat = int(sys.argv[3])
qs = np.arange(101) / 100
ref_q = np.quantile(ref, qs)  # the reference profile, outside the timing as in TypeScript
def run():
    sketch = {"count": int(cur.size), "mean": float(cur.mean()), "std": float(cur.std()), "min": float(cur.min()), "max": float(cur.max()), "quantiles": np.quantile(cur, qs)}
    cuts = np.unique(ref_q[10:91:10])
    k = len(cuts) + 1
    rp = np.bincount(np.searchsorted(cuts, ref, side='left'), minlength=k) / ref.size
    cp = np.bincount(np.searchsorted(cuts, cur, side='left'), minlength=k) / cur.size
    r = np.where(rp == 0, 1e-4, rp)
    c = np.where(cp == 0, 1e-4, cp)
    psi = float(np.sum((c - r) * np.log(c / r)))
    js = float(jensenshannon(rp, cp))
    ks = stats.ks_2samp(ref, cur, method='asymp')
    w = float(stats.wasserstein_distance(ref, cur))
    return {"psi": psi, "jensenShannon": js, "ksStatistic": float(ks.statistic), "ksPValue": float(ks.pvalue), "wasserstein": w,
            "wassersteinNormed": w / max(float(ref.std()), 0.001), "currentMean": sketch["mean"], "currentStd": sketch["std"], "currentMedian": float(sketch["quantiles"][50])}
runs = []
for _ in range(repeat):
    t = time.perf_counter()
    out = run()
    runs.append((time.perf_counter() - t) * 1000)
import scipy
print(json.dumps({"runs": runs, "result": out, "versions": {"numpy": np.__version__, "scipy": scipy.__version__}}))
`;

interface PyOut {
  runs: number[];
  result: Record<string, number>;
  versions: Record<string, string>;
}
let py: PyOut | undefined;
let pyNote = '';
if (spawnSync('python3', ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-bench-'));
  try {
    const refFile = path.join(dir, 'reference.f64');
    const curFile = path.join(dir, 'current.f64');
    // Raw little-endian float64, as np.fromfile(dtype='<f8') reads it (x86/ARM hosts are little-endian).
    writeFileSync(refFile, new Uint8Array(reference.buffer, reference.byteOffset, reference.byteLength));
    writeFileSync(curFile, new Uint8Array(current.buffer, current.byteOffset, current.byteLength));
    const run = spawnSync('python3', ['-c', PY, refFile, curFile, String(REPEAT)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status === 0) py = JSON.parse(run.stdout.trim().split('\n').pop()!) as PyOut;
    else pyNote = `python3 failed: ${run.stderr.trim().split('\n').pop()}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  pyNote = 'python3 with scipy not available: scipy comparison skipped';
}

const r = result!;
const ts: Record<string, number> = {
  psi: r.psi,
  jensenShannon: r.jensenShannon,
  ksStatistic: r.ks.statistic,
  ksPValue: r.ks.pValue,
  wasserstein: r.wasserstein,
  wassersteinNormed: r.wassersteinNormed,
  currentMean: r.currentSketch.mean,
  currentStd: r.currentSketch.std,
  currentMedian: r.currentSketch.quantiles[50]!,
};
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}${py ? `, numpy ${py.versions.numpy}, scipy ${py.versions.scipy}` : ''}`);
console.log(`data: reference ${N_REFERENCE.toLocaleString('en')} values ~ N(50, 10²), current ${N_CURRENT.toLocaleString('en')} values ~ N(51, 11²); median of ${REPEAT} runs; KS method ${r.ks.method}`);
console.log('');
console.log('| implementation | median ms | runs (ms) |');
console.log('|---|---:|---|');
console.log(`| TypeScript numericDrift | ${tsMs.toFixed(1)} | ${tsRuns.map((x) => x.toFixed(1)).join(', ')} |`);
if (py) {
  const pyMs = median(py.runs);
  console.log(`| numpy/scipy | ${pyMs.toFixed(1)} | ${py.runs.map((x) => x.toFixed(1)).join(', ')} |`);
  console.log('');
  console.log(`ratio TypeScript / scipy: ${(tsMs / pyMs).toFixed(2)} (target ≤ 2)`);
  console.log('');
  console.log('| statistic | TypeScript | numpy/scipy | relative difference |');
  console.log('|---|---:|---:|---:|');
  for (const [k, v] of Object.entries(ts)) {
    const e = py.result[k]!;
    const rel = v === e ? 0 : Math.abs(v - e) / Math.abs(e);
    console.log(`| ${k} | ${v.toPrecision(12)} | ${e.toPrecision(12)} | ${rel.toExponential(1)} |`);
  }
  if (tsMs / pyMs > 2) process.exitCode = 1;
} else {
  console.log('');
  console.log(pyNote);
  for (const [k, v] of Object.entries(ts)) console.log(`${k}: ${v}`);
}
