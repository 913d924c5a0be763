import type { Metadata } from 'next';
import { SignInForm } from '@/features/identity/SignInForm';
import { getViewer } from '@/features/identity/viewer';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { safeRedirectTarget } from '@/lib/session';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
  const next = safeRedirectTarget(firstParam(search, 'next'));
  const expired = firstParam(search, 'reason') === 'expired';
  const viewer = await getViewer();

  return (
    <div className="sign-in">
      <section className="panel sign-in__panel" aria-labelledby="sign-in-heading">
        <div className="panel__body">
          <h1 id="sign-in-heading">Sign in to Modelyard</h1>
          {viewer.status === 'signed-in' ? (
            <p className="sign-in__note" role="status">
              You are signed in as {viewer.viewer.user?.email}. Signing in again replaces that session.
            </p>
          ) : expired ? (
            <p className="sign-in__note" role="status">
              Your session has ended. Sign in again to continue.
            </p>
          ) : null}
          <SignInForm next={next} />
          <p className="sign-in__hint muted">
            A fresh <code>npm start</code> prints the demo account’s email and password. Integrators use API keys instead
            (Settings → API keys).
          </p>
        </div>
      </section>
    </div>
  );
}
