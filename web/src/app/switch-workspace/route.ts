import { type NextRequest, NextResponse } from 'next/server';
import { sameOriginRequest } from '@/lib/same-origin';
import { workspaceCookieOptions } from '@/lib/server-session';
import { WORKSPACE_COOKIE } from '@/lib/session';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The header's workspace switcher: remembers the workspace (`modelyard_workspace`, which the API
 * reads from the same cookie) and opens the library afresh: the page open before may belong to the
 * other workspace, and nothing loaded from it may show in the new one. The API refuses a workspace
 * the user is not a member of (FORBIDDEN).
 */
export async function POST(request: NextRequest) {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!sameOriginRequest(request.headers.get('origin'), host)) {
    return new NextResponse('Switching workspaces is only possible from the dashboard itself.', { status: 403 });
  }
  const slug = (await request.formData()).get('workspace');
  if (typeof slug !== 'string' || !SLUG.test(slug)) return new NextResponse('Not a workspace slug.', { status: 400 });
  const response = new NextResponse(null, { status: 303, headers: { location: '/' } });
  const secure = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  response.cookies.set(WORKSPACE_COOKIE, slug, workspaceCookieOptions(secure));
  return response;
}
