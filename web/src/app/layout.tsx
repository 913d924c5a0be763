import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AlertToaster } from '@/features/alerts/AlertToaster';
import { UserMenu } from '@/features/identity/UserMenu';
import { getViewer } from '@/features/identity/viewer';
import { LiveIndicator } from '@/features/shell/LiveIndicator';
import { SiteNav } from '@/features/shell/SiteNav';
import { ApolloWrapper } from '@/lib/apollo-provider';
import { resolvePublicConfig } from '@/lib/config';
import { requestedPath } from '@/lib/server-session';
import { isPublicPath, signInHref } from '@/lib/session';
import './globals.css';

// The browser's API address is read from the environment when the server runs, not at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Modelyard', template: '%s · Modelyard' },
  description: 'ML model lifecycle workspace: recipes, models, runs, evaluation and monitoring.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  const path = await requestedPath();
  // A session cookie the API no longer accepts (expired, signed out elsewhere): sign in again.
  if (viewer.status === 'anonymous' && path !== null && !isPublicPath(path.split('?')[0] ?? path)) {
    redirect(signInHref(path, 'expired'));
  }
  // Without a session there is nothing to navigate to, and nothing live to listen to.
  const signedOut = viewer.status === 'anonymous';
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
              {signedOut ? <div className="site-nav" /> : <SiteNav />}
              {signedOut ? null : <LiveIndicator />}
              {viewer.status === 'signed-in' ? <UserMenu viewer={viewer.viewer} /> : null}
            </div>
          </header>
          <main id="main" className="site-main">
            {children}
          </main>
          {signedOut ? null : <AlertToaster />}
        </ApolloWrapper>
      </body>
    </html>
  );
}
