'use server';

import { cookies } from 'next/headers';
import { graphql } from '@/gql';
import { callApi } from '@/lib/server-graphql';
import { servedOverHttps, sessionCookieOptions, visitorForwardedFor } from '@/lib/server-session';
import { safeRedirectTarget, SESSION_COOKIE, WORKSPACE_COOKIE } from '@/lib/session';
import { signInProblems, type SignInState } from './sign-in-state';

const SignIn = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      token
      expiresAt
      memberships {
        workspace {
          slug
        }
      }
    }
  }
`);

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Signs in through the API (`signIn`) from the web server and keeps the session token in the
 * `modelyard_session` cookie of the dashboard's origin (HttpOnly: the browser's scripts never see
 * it). The browser then sends it to the API too: cookies are not port-specific. Answers where to
 * go next (only a path of this site); the form shows problems inline.
 */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = field(form, 'email').trim();
  const password = field(form, 'password');
  const next = safeRedirectTarget(field(form, 'next'));
  const missing = signInProblems(email, password);
  if (missing.length) return { status: 'error', email, problems: missing };

  const result = await callApi(SignIn, { input: { email, password } }, { session: false, forwardedFor: await visitorForwardedFor() });
  if (!result.ok) {
    const wrong = result.error.problems.some((p) => p.code === 'UNAUTHENTICATED');
    return {
      status: 'error',
      email,
      problems: wrong ? ['Wrong email or password.'] : [result.error.title, ...result.error.problems.map((p) => (p.code ? `${p.code}: ${p.message}` : p.message))],
    };
  }
  const { token, expiresAt, memberships } = result.data.signIn;
  const secure = await servedOverHttps();
  const jar = await cookies();
  jar.set(SESSION_COOKIE, token, sessionCookieOptions(secure, (Date.parse(expiresAt) - Date.now()) / 1000));
  // A workspace picked by someone else on this browser is not necessarily one of this user's.
  const picked = jar.get(WORKSPACE_COOKIE)?.value;
  if (picked && !memberships.some((m) => m.workspace.slug === picked)) jar.delete(WORKSPACE_COOKIE);
  return { status: 'signed-in', next };
}
