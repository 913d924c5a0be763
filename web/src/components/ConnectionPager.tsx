import type { SearchParams } from '@/lib/search-params';
import { type CursorPage, cursorHrefs } from '@/lib/url-state';
import { Pager } from './Pager';

/** The part of a GraphQL connection a pager needs. */
export interface PagedConnection {
  totalCount: number;
  edges: readonly unknown[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** A `Pager` for one page of a connection listed at `path`, its cursor kept in the URL (`after`, `trail`). */
export function ConnectionPager({
  label,
  path,
  search,
  page,
  pageSize,
  connection,
}: {
  label: string;
  path: string;
  search: SearchParams;
  page: CursorPage;
  pageSize: number;
  connection: PagedConnection;
}) {
  const links = cursorHrefs(path, search, page, connection.pageInfo);
  return (
    <Pager
      label={label}
      pageIndex={page.index}
      pageSize={pageSize}
      shown={connection.edges.length}
      totalCount={connection.totalCount}
      firstHref={links.first}
      previousHref={links.previous}
      nextHref={links.next}
    />
  );
}
