/** Resolvers of the arena feature (registered in platform/schema.ts). */
export const arenaResolvers = [] as const;

/** Entities of the arena feature (registered in platform/db/entities.ts). */
export const arenaEntities = [] as const;
