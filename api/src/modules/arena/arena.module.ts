import { ArenaEntry } from './arena-entry.entity.js';
import { Arena } from './arena.entity.js';
import { ArenaEntryResolver, ArenaResolver, ModelArenaResolver } from './arena.resolver.js';

/** Resolvers of the arena feature (registered in platform/schema.ts). */
export const arenaResolvers = [ArenaResolver, ArenaEntryResolver, ModelArenaResolver] as const;

/** Entities of the arena feature (registered in platform/db/entities.ts). */
export const arenaEntities = [Arena, ArenaEntry] as const;
