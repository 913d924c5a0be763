import { registerEnumType } from 'type-graphql';

export enum ArenaRole {
  CHAMPION = 'CHAMPION',
  CHALLENGER = 'CHALLENGER',
  SHADOW = 'SHADOW',
}
registerEnumType(ArenaRole, {
  name: 'ArenaRole',
  description: 'CHAMPION and CHALLENGERs serve traffic (their weights sum to 1); a SHADOW receives copies of the traffic (weight 0).',
});

/** Roles whose traffic weights must sum to 1. */
export const SERVING_ROLES: readonly ArenaRole[] = [ArenaRole.CHAMPION, ArenaRole.CHALLENGER];
