import { Migration20261126000000Init } from './Migration20261126000000Init.js';

/** Every migration, in order (explicit list: no file globbing, works the same from src and dist). */
export const migrationsList = [{ name: 'Migration20261126000000Init', class: Migration20261126000000Init }];
