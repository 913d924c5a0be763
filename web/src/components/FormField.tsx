import type { ReactNode } from 'react';

/**
 * One labelled form control: the label points at `id` (the control inside must carry it), and an
 * optional hint below gets the id `${id}-hint` for the control's `aria-describedby`.
 */
export function FormField({
  id,
  label,
  hint,
  grow = false,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  grow?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={grow ? 'field field--grow' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
