import type { EntityManager } from '@mikro-orm/postgresql';
import { createUser, findUserByEmail } from '../identity/identity.service.js';
import { verifyPassword } from '../identity/credentials.js';
import { addMembership } from '../identity/member.service.js';
import { Membership } from '../identity/membership.entity.js';
import { Role } from '../identity/roles.js';
import { Workspace } from '../workspaces/workspace.entity.js';

export const DEMO_ADMIN_EMAIL = 'admin@modelyard.local';
export const DEFAULT_DEMO_ADMIN_PASSWORD = 'modelyard-demo';

export interface DemoAdmin {
  email: string;
  /** True when the account was created now. */
  created: boolean;
  /** True when `password` still signs in (false once someone changed it). */
  passwordWorks: boolean;
}

/**
 * The demo account: `admin@modelyard.local`, ADMIN of the demo workspace. Idempotent: an existing
 * account keeps its password (a changed password is not reset), a missing membership is added.
 * Null when the workspace does not exist.
 */
export async function ensureDemoAdmin(em: EntityManager, workspaceSlug: string, password: string): Promise<DemoAdmin | null> {
  return em.transactional(async (tx) => {
    const workspace = await tx.findOne(Workspace, { slug: workspaceSlug });
    if (!workspace) return null;
    const existing = await findUserByEmail(tx, DEMO_ADMIN_EMAIL);
    const user = existing ?? (await createUser(tx, { email: DEMO_ADMIN_EMAIL, name: 'Demo admin', password }));
    if (!(await tx.count(Membership, { workspace: workspace.id, user: user.id }))) addMembership(tx, workspace.id, user.id, Role.ADMIN);
    return { email: DEMO_ADMIN_EMAIL, created: !existing, passwordWorks: !existing || (await verifyPassword(user.passwordHash, password)) };
  });
}
