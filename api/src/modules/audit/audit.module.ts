import { AuditEventResolver } from './audit.resolver.js';

/** Resolvers of the audit feature (registered in platform/schema.ts). */
export const auditResolvers = [AuditEventResolver] as const;
