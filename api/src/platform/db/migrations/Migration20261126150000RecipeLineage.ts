import { Migration } from '@mikro-orm/migrations';

/** Recipe lineage (issue 3): a clone's parent version is a real reference to a recipe version. */
export class Migration20261126150000RecipeLineage extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index "recipe_parent_version_id_index" on "recipe" ("parent_version_id");');
    this.addSql('alter table "recipe" add constraint "recipe_parent_version_id_foreign" foreign key ("parent_version_id") references "recipe_version" ("id") on update cascade on delete restrict;');
  }
}
