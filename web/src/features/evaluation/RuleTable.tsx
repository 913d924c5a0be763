import { describeRule, directionSymbol, type Rule } from './thresholds';

/** A pack version's metric rules: direction, PASS/WARN/FAIL thresholds, promotion bar. */
export function RuleTable({ rules }: { rules: ReadonlyArray<Rule & { key: string; required: boolean }> }) {
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Direction</th>
            <th scope="col">Pass</th>
            <th scope="col">Warn</th>
            <th scope="col">Fail</th>
            <th scope="col">Promotion bar</th>
            <th scope="col">Required</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => {
            const text = describeRule(rule);
            return (
              <tr key={rule.key}>
                <th scope="row" className="mono">
                  {rule.key}
                </th>
                <td>
                  {directionSymbol(rule.direction)} {rule.direction === 'LOWER_IS_BETTER' ? 'lower is better' : 'higher is better'}
                </td>
                <td className="mono">{text.pass}</td>
                <td className="mono">{text.warn}</td>
                <td className="mono">{text.fail}</td>
                <td className="mono">{text.promote}</td>
                <td>{rule.required ? 'yes' : 'optional'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
