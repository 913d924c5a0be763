import type { ReactNode } from 'react';

/** A fieldset of repeatable rows (params, models, results…) with an "Add …" button below them. */
export function RowListFieldset({
  legend,
  addLabel,
  onAdd,
  children,
}: {
  legend: string;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  return (
    <fieldset className="field field--fieldset">
      <legend className="field__label">{legend}</legend>
      {children}
      <div>
        <button type="button" className="button button--small" onClick={onAdd}>
          {addLabel}
        </button>
      </div>
    </fieldset>
  );
}

/** The "×" that removes one row of a `RowListFieldset`; `label` names the row for screen readers. */
export function RemoveRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="button button--small" aria-label={label} onClick={onClick}>
      ×
    </button>
  );
}
