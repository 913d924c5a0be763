import type { Problem } from '../../platform/errors.js';
import { MetricDirection } from './evaluation.enums.js';
import type { MetricRule } from './metric-rule.types.js';

const THRESHOLDS = ['promote', 'warn', 'fail'] as const;

/** `{path, message}` per problem of a version's rules (thresholds in order, keys unique); empty when valid. */
export function ruleProblems(rules: MetricRule[], path: string): Problem[] {
  if (!rules.length) return [{ path, message: 'must contain at least one rule' }];
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  rules.forEach((rule, i) => {
    const at = `${path}[${i}]`;
    const key = rule.key.trim();
    if (!key) problems.push({ path: `${at}.key`, message: 'must not be empty' });
    else if (firstIndex.has(key)) problems.push({ path: `${at}.key`, message: `duplicates the key "${key}" of ${path}[${firstIndex.get(key)}]` });
    else firstIndex.set(key, i);
    const infinite = THRESHOLDS.filter((t) => !Number.isFinite(rule[t]));
    infinite.forEach((t) => problems.push({ path: `${at}.${t}`, message: 'must be a finite number' }));
    if (infinite.length) return;
    const { promote, warn, fail, direction } = rule;
    if (direction === MetricDirection.LOWER_IS_BETTER) {
      if (promote > warn) problems.push({ path: `${at}.promote`, message: `promote (${promote}) must be ≤ warn (${warn}) for LOWER_IS_BETTER` });
      if (warn >= fail) problems.push({ path: `${at}.warn`, message: `warn (${warn}) must be < fail (${fail}) for LOWER_IS_BETTER` });
    } else {
      if (promote < warn) problems.push({ path: `${at}.promote`, message: `promote (${promote}) must be ≥ warn (${warn}) for HIGHER_IS_BETTER` });
      if (warn <= fail) problems.push({ path: `${at}.warn`, message: `warn (${warn}) must be > fail (${fail}) for HIGHER_IS_BETTER` });
    }
  });
  return problems;
}
