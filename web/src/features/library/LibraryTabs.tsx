import Link from 'next/link';
import { LIBRARY_TABS, type LibraryState, type LibraryTab, TAB_LABELS, tabHref } from './library-params';

/** Tabs as links (the tab is part of the URL), each with its count. */
export function LibraryTabs({ state, counts }: { state: LibraryState; counts: Partial<Record<LibraryTab, number>> }) {
  return (
    <nav className="tabs" aria-label="Library">
      {LIBRARY_TABS.map((tab) => {
        const active = tab === state.tab;
        const count = counts[tab];
        return (
          <Link
            key={tab}
            href={tabHref(state, tab)}
            className={active ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
            aria-current={active ? 'page' : undefined}
            data-testid={`tab-${tab}`}
          >
            {TAB_LABELS[tab]}
            {count != null ? <span className="count">{count}</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}
