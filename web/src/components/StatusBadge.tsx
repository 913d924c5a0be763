import { badgeClassName } from './status-tone';

export function StatusBadge({ status }: { status: string }) {
  return <span className={badgeClassName(status)}>{status}</span>;
}
