'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { AlertBadge } from '@/features/alerts/AlertBadge';

interface NavItem {
  href: string;
  label: string;
  /** Path prefixes that belong to this section. */
  match: (path: string) => boolean;
}

const ITEMS: NavItem[] = [
  {
    href: '/',
    label: 'Library',
    match: (p) => p === '/' || /^\/(models|runs|recipes|packs|compare)(\/|$)/.test(p),
  },
  { href: '/experiments', label: 'Experiments', match: (p) => p.startsWith('/experiments') },
  { href: '/ab-tests', label: 'A/B tests', match: (p) => p.startsWith('/ab-tests') },
  { href: '/alerts', label: 'Alerts', match: (p) => p.startsWith('/alerts') },
  { href: '/playground', label: 'Playground', match: (p) => p.startsWith('/playground') },
  { href: '/settings/api-keys', label: 'Settings', match: (p) => p.startsWith('/settings') },
];

export function SiteNav() {
  const pathname = usePathname() ?? '/';
  return (
    <nav aria-label="Main" className="site-nav">
      {ITEMS.map((item) => {
        const active = item.match(pathname);
        return (
          <Link
            key={item.href}
            href={item.href}
            className={active ? 'site-nav__link site-nav__link--active' : 'site-nav__link'}
            aria-current={active ? 'page' : undefined}
          >
            {item.label}
            {item.href === '/alerts' ? <AlertBadge /> : null}
          </Link>
        );
      })}
    </nav>
  );
}
