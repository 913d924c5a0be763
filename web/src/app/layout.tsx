import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AlertToaster } from '@/features/alerts/AlertToaster';
import { LiveIndicator } from '@/features/shell/LiveIndicator';
import { SiteNav } from '@/features/shell/SiteNav';
import { ApolloWrapper } from '@/lib/apollo-provider';
import { resolvePublicConfig } from '@/lib/config';
import './globals.css';

// The browser's API address is read from the environment when the server runs, not at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Modelyard', template: '%s · Modelyard' },
  description: 'ML model lifecycle workspace: recipes, models, runs, evaluation and monitoring.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ApolloWrapper config={resolvePublicConfig()}>
          <a href="#main" className="skip-link">
            Skip to content
          </a>
          <header className="site-header">
            <div className="site-header__inner">
              <Link href="/" className="brand">
                Modelyard
              </Link>
              <SiteNav />
              <LiveIndicator />
            </div>
          </header>
          <main id="main" className="site-main">
            {children}
          </main>
          <AlertToaster />
        </ApolloWrapper>
      </body>
    </html>
  );
}
