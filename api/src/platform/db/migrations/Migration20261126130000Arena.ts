import { Migration } from '@mikro-orm/migrations';

/** Arena, entries and promotion policy (issue 3). */
export class Migration20261126130000Arena extends Migration {
  override async up(): Promise<void> {
    // Nothing yet.
  }
}
