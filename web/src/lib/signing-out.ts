/**
 * Set in the browser while the "Sign out" form is on its way: the API then ends the session's live
 * subscriptions with UNAUTHENTICATED, which must not send the page to "your session has ended".
 */
let signingOut = false;

export function markSigningOut(): void {
  signingOut = true;
}

export function isSigningOut(): boolean {
  return signingOut;
}
