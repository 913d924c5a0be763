import { formatDateTime, formatRelativeTime } from '@/lib/format';

/** A relative time ("3 hours ago") with the exact UTC time as its tooltip. */
export function RelativeTime({ iso, now }: { iso: string; now: Date }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
