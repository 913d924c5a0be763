import { RelativeTime } from './RelativeTime';

/** One entry of a `<dl className="facts">` whose value is a moment, shown relative to `now`. */
export function TimeFact({ label, iso, now }: { label: string; iso: string; now: Date }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <RelativeTime iso={iso} now={now} />
      </dd>
    </div>
  );
}
