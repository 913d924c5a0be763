/**
 * A form's closing row: the submit button (its label while the request runs, when given) and a
 * button that closes the form without sending it.
 */
export function SubmitRow({
  label,
  pendingLabel,
  pending = false,
  disabled = pending,
  danger = false,
  closeLabel = 'Close',
  onClose,
}: {
  label: string;
  pendingLabel?: string;
  /** The request is running: shows `pendingLabel` and, unless `disabled` says otherwise, disables the submit button. */
  pending?: boolean;
  disabled?: boolean;
  danger?: boolean;
  closeLabel?: string;
  onClose: () => void;
}) {
  return (
    <div className="button-row">
      <button type="submit" className={danger ? 'button button--danger' : 'button button--primary'} disabled={disabled}>
        {pending && pendingLabel ? pendingLabel : label}
      </button>
      <button type="button" className="button" onClick={onClose}>
        {closeLabel}
      </button>
    </div>
  );
}
