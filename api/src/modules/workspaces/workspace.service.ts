import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from '../../platform/errors.js';
import { addMembership } from '../identity/member.service.js';
import { Role } from '../identity/roles.js';
import { Workspace } from './workspace.entity.js';

/** A new workspace; `adminUserId` (the signed-in creator) becomes its ADMIN. */
export async function createWorkspace(em: EntityManager, input: { slug: string; name: string }, adminUserId?: string): Promise<Workspace> {
  try {
    return await em.transactional(async (tx) => {
      const workspace = tx.create(Workspace, { slug: input.slug, name: input.name.trim() });
      if (adminUserId) addMembership(tx, workspace.id, adminUserId, Role.ADMIN);
      return workspace;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`Workspace ${input.slug} already exists`, { slug: input.slug });
    throw error;
  }
}

/** Workspace id by slug (null when missing). */
export async function findWorkspaceId(em: EntityManager, slug: string): Promise<string | null> {
  const row = await em.findOne(Workspace, { slug }, { fields: ['id'] });
  return row?.id ?? null;
}
