'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/settings/api-keys', label: 'API keys' },
  { href: '/settings/members', label: 'Members' },
] as const;

/** The settings pages as tabs (the page is the URL). */
export function SettingsTabs() {
  const pathname = usePathname() ?? '';
  return (
    <nav className="tabs" aria-label="Settings">
      {TABS.map((tab) => {
        const active = pathname.startsWith(tab.href);
        return (
          <Link key={tab.href} href={tab.href} className={active ? 'tabs__tab tabs__tab--active' : 'tabs__tab'} aria-current={active ? 'page' : undefined}>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
