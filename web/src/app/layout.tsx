import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ApolloWrapper } from '@/lib/apollo-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Modelyard', template: '%s · Modelyard' },
  description: 'ML model lifecycle workspace: recipes, models, runs, evaluation and monitoring.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <div className="site-header__inner">
            <Link href="/" className="brand">
              Modelyard
            </Link>
            <nav aria-label="Main" className="site-nav">
              <Link href="/">Overview</Link>
            </nav>
          </div>
        </header>
        <main className="site-main">
          <ApolloWrapper>{children}</ApolloWrapper>
        </main>
      </body>
    </html>
  );
}
