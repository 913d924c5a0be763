import { ManifestResolver } from './manifest.resolver.js';

/** Resolvers of the manifests feature (listed with the recipes feature's, which platform/schema.ts registers). */
export const manifestResolvers = [ManifestResolver] as const;
