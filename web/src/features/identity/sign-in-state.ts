/** What the sign-in form shows after an attempt. */
export type SignInState =
  | { status: 'idle' }
  | { status: 'error'; email: string; problems: string[] }
  | { status: 'signed-in'; next: string };

/** The problems to fix before asking the API (empty: send it). */
export function signInProblems(email: string, password: string): string[] {
  const problems: string[] = [];
  if (!email) problems.push('Enter your email address.');
  else if (!/^[^\s@]+@[^\s@]+$/.test(email)) problems.push('Enter a valid email address.');
  if (!password) problems.push('Enter your password.');
  return problems;
}
