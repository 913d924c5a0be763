'use client';

import { useActionState, useEffect } from 'react';
import { FormField } from '@/components/FormField';
import { FormProblems } from '@/components/FormProblems';
import { signInAction } from './actions';
import type { SignInState } from './sign-in-state';

const IDLE: SignInState = { status: 'idle' };

/**
 * Email and password; problems appear above the button. After signing in, a full page load of the
 * page the visitor came from, so that every client (HTTP and the live connection) starts with the
 * new session.
 */
export function SignInForm({ next, defaultEmail }: { next: string; defaultEmail?: string }) {
  const [state, action, pending] = useActionState(signInAction, IDLE);
  const signedIn = state.status === 'signed-in';

  useEffect(() => {
    if (state.status === 'signed-in') window.location.assign(state.next);
  }, [state]);

  return (
    <form action={action} className="sign-in__form" aria-label="Sign in" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormField id="sign-in-email" label="Email">
        <input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={state.status === 'error' ? state.email : defaultEmail}
        />
      </FormField>
      <FormField id="sign-in-password" label="Password">
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required />
      </FormField>
      {state.status === 'error' ? <FormProblems problems={state.problems.map((message) => ({ message }))} /> : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending || signedIn}>
          {pending ? 'Signing in…' : signedIn ? 'Signed in, opening…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}
