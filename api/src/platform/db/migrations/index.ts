import { Migration20261126000000Init } from './Migration20261126000000Init.js';
import { Migration20261126100000AuditIdempotency } from './Migration20261126100000AuditIdempotency.js';
import { Migration20261126110000RecipeLifecycle } from './Migration20261126110000RecipeLifecycle.js';
import { Migration20261126120000EvaluationAlerts } from './Migration20261126120000EvaluationAlerts.js';
import { Migration20261126130000Arena } from './Migration20261126130000Arena.js';
import { Migration20261126140000EventOutbox } from './Migration20261126140000EventOutbox.js';
import { Migration20261126150000RecipeLineage } from './Migration20261126150000RecipeLineage.js';
import { Migration20261126160000AlertTransitions } from './Migration20261126160000AlertTransitions.js';
import { Migration20261126170000ArenaEntries } from './Migration20261126170000ArenaEntries.js';
import { Migration20261130100000Worker } from './Migration20261130100000Worker.js';
import { Migration20261130110000ReferenceProfiles } from './Migration20261130110000ReferenceProfiles.js';
import { Migration20261130130000Experiments } from './Migration20261130130000Experiments.js';
import { Migration20261130120000AbTestsPredictions } from './Migration20261130120000AbTestsPredictions.js';
import { Migration20261130160000ComputedSnapshots } from './Migration20261130160000ComputedSnapshots.js';
import { Migration20261130150000RowLevelSecurity } from './Migration20261130150000RowLevelSecurity.js';
import { Migration20261130140000Identity } from './Migration20261130140000Identity.js';

/** Every migration, in order (explicit list: no file globbing, works the same from src and dist). */
export const migrationsList = [
  { name: 'Migration20261126000000Init', class: Migration20261126000000Init },
  { name: 'Migration20261126100000AuditIdempotency', class: Migration20261126100000AuditIdempotency },
  { name: 'Migration20261126110000RecipeLifecycle', class: Migration20261126110000RecipeLifecycle },
  { name: 'Migration20261126120000EvaluationAlerts', class: Migration20261126120000EvaluationAlerts },
  { name: 'Migration20261126130000Arena', class: Migration20261126130000Arena },
  { name: 'Migration20261126140000EventOutbox', class: Migration20261126140000EventOutbox },
  { name: 'Migration20261126150000RecipeLineage', class: Migration20261126150000RecipeLineage },
  { name: 'Migration20261126160000AlertTransitions', class: Migration20261126160000AlertTransitions },
  { name: 'Migration20261126170000ArenaEntries', class: Migration20261126170000ArenaEntries },
  { name: 'Migration20261130100000Worker', class: Migration20261130100000Worker },
  { name: 'Migration20261130120000AbTestsPredictions', class: Migration20261130120000AbTestsPredictions },
  { name: 'Migration20261130130000Experiments', class: Migration20261130130000Experiments },
  { name: 'Migration20261130110000ReferenceProfiles', class: Migration20261130110000ReferenceProfiles },
  { name: 'Migration20261130140000Identity', class: Migration20261130140000Identity },
  { name: 'Migration20261130150000RowLevelSecurity', class: Migration20261130150000RowLevelSecurity },
  { name: 'Migration20261130160000ComputedSnapshots', class: Migration20261130160000ComputedSnapshots },
];
