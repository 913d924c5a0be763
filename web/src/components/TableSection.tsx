import type { ReactNode } from 'react';
import { DetailSection } from './DetailSection';

/**
 * A detail-page section that lists rows in a table, its count beside the title: the column headers
 * and the rows (`children`, the `<tr>`s) when there are any, `empty` when there are none.
 */
export function TableSection({
  name,
  title,
  count,
  note,
  label,
  columns,
  scroll = false,
  empty,
  children,
}: {
  name: string;
  title: string;
  count: number;
  note?: ReactNode;
  /** The table's accessible name. */
  label: string;
  columns: readonly string[];
  /** Let a wide table scroll sideways. */
  scroll?: boolean;
  empty: ReactNode;
  children: ReactNode;
}) {
  const table = (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  const heading = (
    <>
      {title} <span className="count">{count}</span>
    </>
  );
  return (
    <DetailSection name={name} title={heading} note={note}>
      {count === 0 ? empty : scroll ? <div className="table-scroll">{table}</div> : table}
    </DetailSection>
  );
}
