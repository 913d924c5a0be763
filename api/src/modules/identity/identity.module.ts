import { ApiKey } from './api-key.entity.js';
import { ApiKeyResolver, IdentityResolver, WorkspaceMemberResolver } from './identity.resolver.js';
import { Membership } from './membership.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

/** Users, memberships, sessions and API keys (registered in platform/db/entities.ts). */
export const identityEntities = [User, Membership, Session, ApiKey] as const;

/** Resolvers of the identity feature (registered in platform/schema.ts). */
export const identityResolvers = [IdentityResolver, ApiKeyResolver, WorkspaceMemberResolver] as const;
