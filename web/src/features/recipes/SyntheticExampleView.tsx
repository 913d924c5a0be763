import { EmptyState } from '@/components/EmptyState';

function isRecordArray(value: unknown): value is Array<Record<string, unknown>> {
  return Array.isArray(value) && value.every((row) => row && typeof row === 'object' && !Array.isArray(row));
}

function columnsOf(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return columns;
}

function cell(value: unknown): string {
  if (value == null) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A recipe's worked example: the input schema, sample rows as a table, and an example run. */
export function SyntheticExampleView({
  example,
}: {
  example: { description: string; schema: unknown; sampleRows: unknown; exampleRun: unknown } | null;
}) {
  if (!example) return <EmptyState title="No synthetic example">This recipe has no worked example.</EmptyState>;
  const schema = example.schema as { columns?: unknown } | null;
  const columns = schema && isRecordArray(schema.columns) ? schema.columns : null;
  return (
    <div className="stack stack--tight">
      <p>{example.description}</p>
      {columns ? (
        <div className="table-scroll">
          <table className="data-table data-table--compact" aria-label="Input schema">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Type</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c, i) => (
                <tr key={i}>
                  <td className="mono">{cell(c.name)}</td>
                  <td className="mono">{cell(c.type)}</td>
                  <td>{cell(c.description)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <details>
        <summary>Schema (JSON)</summary>
        <pre className="code-block">{JSON.stringify(example.schema, null, 2)}</pre>
      </details>
      {isRecordArray(example.sampleRows) && example.sampleRows.length ? (
        <div className="table-scroll">
          <table className="data-table data-table--compact" aria-label="Sample rows">
            <thead>
              <tr>
                {columnsOf(example.sampleRows).map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {example.sampleRows.map((row, i) => (
                <tr key={i}>
                  {columnsOf(example.sampleRows as Array<Record<string, unknown>>).map((c) => (
                    <td key={c} className="mono">
                      {cell(row[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <pre className="code-block">{JSON.stringify(example.sampleRows, null, 2)}</pre>
      )}
      <details>
        <summary>Example run</summary>
        <pre className="code-block">{JSON.stringify(example.exampleRun, null, 2)}</pre>
      </details>
    </div>
  );
}
