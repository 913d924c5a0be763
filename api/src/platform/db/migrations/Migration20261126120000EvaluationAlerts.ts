import { Migration } from '@mikro-orm/migrations';

/** Evaluation packs and alert lifecycle (issue 3). */
export class Migration20261126120000EvaluationAlerts extends Migration {
  override async up(): Promise<void> {
    // Nothing yet.
  }
}
