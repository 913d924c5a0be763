import { WorkspaceResolver } from './workspace.resolver.js';

/** Resolvers of the workspaces feature (registered in platform/schema.ts). */
export const workspaceResolvers = [WorkspaceResolver] as const;
