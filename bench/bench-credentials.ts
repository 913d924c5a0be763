import type { EntityManager } from '@mikro-orm/postgresql';
import { issueApiKey } from '../api/src/modules/identity/api-key.service.js';
import { Role } from '../api/src/modules/identity/roles.js';
import { Workspace } from '../api/src/modules/workspaces/workspace.entity.js';

/** An ADMIN API key of the bench's workspace (written directly): the bench sends it as `Authorization: Bearer`. */
export async function benchApiKey(em: EntityManager, workspaceSlug: string, name = 'bench'): Promise<string> {
  const workspace = await em.findOneOrFail(Workspace, { slug: workspaceSlug });
  const { secret } = issueApiKey(em, workspace.id, { name, role: Role.ADMIN }, 'bench');
  await em.flush();
  return secret;
}
