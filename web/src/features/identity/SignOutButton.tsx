'use client';

import { markSigningOut } from '@/lib/signing-out';
import { SIGN_OUT_PATH } from '@/lib/session';

/**
 * A plain form POST to /sign-out (app/sign-out/route.ts): the answer is a redirect to the sign-in
 * page, loaded in full, so nothing of the old session stays in the browser's clients.
 */
export function SignOutButton() {
  return (
    <form method="post" action={SIGN_OUT_PATH} className="user-menu__form" onSubmit={markSigningOut}>
      <button type="submit" className="user-menu__button">
        Sign out
      </button>
    </form>
  );
}
