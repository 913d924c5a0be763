import { Migration } from '@mikro-orm/migrations';

/** Recipe lifecycle (issue 3): clone/overlay, status machine. */
export class Migration20261126110000RecipeLifecycle extends Migration {
  override async up(): Promise<void> {
    // Nothing yet.
  }
}
