import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from '../../platform/errors.js';
import { Workspace } from './workspace.entity.js';

export async function createWorkspace(em: EntityManager, input: { slug: string; name: string }): Promise<Workspace> {
  try {
    return await em.transactional(async (tx) => tx.create(Workspace, { slug: input.slug, name: input.name.trim() }));
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
