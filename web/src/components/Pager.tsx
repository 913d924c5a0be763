import Link from 'next/link';

export interface PagerProps {
  /** 0-based index of the page shown. */
  pageIndex: number;
  pageSize: number;
  shown: number;
  totalCount: number;
  firstHref: string | null;
  previousHref: string | null;
  nextHref: string | null;
  label?: string;
}

/** Keyset pagination: "1–20 of 57" with First / Previous / Next links. */
export function Pager({ pageIndex, pageSize, shown, totalCount, firstHref, previousHref, nextHref, label = 'Pages' }: PagerProps) {
  if (totalCount === 0) return null;
  const start = pageIndex * pageSize + 1;
  const end = pageIndex * pageSize + shown;
  return (
    <nav className="pager" aria-label={label}>
      <span className="pager__range">
        {shown === 0 ? `0 of ${totalCount}` : `${start}–${end} of ${totalCount}`}
      </span>
      <span className="pager__links">
        {firstHref && pageIndex > 1 ? (
          <Link className="button" href={firstHref}>
            First
          </Link>
        ) : null}
        {previousHref ? (
          <Link className="button" href={previousHref} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className="button button--disabled" aria-disabled="true">
            ← Previous
          </span>
        )}
        {nextHref ? (
          <Link className="button" href={nextHref} rel="next">
            Next →
          </Link>
        ) : (
          <span className="button button--disabled" aria-disabled="true">
            Next →
          </span>
        )}
      </span>
    </nav>
  );
}
