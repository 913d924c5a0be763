import { Migration } from '@mikro-orm/migrations';

/** The newest snapshots with computed drift per model (`monitorSnapshots(computed: true, last: N)`), without reading the reported ones. */
export class Migration20261130160000ComputedSnapshots extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "monitor_snapshot_model_id_recorded_at_computed_index" on "monitor_snapshot" ("model_id", "recorded_at") where "dataset_drifted" is not null;`);
  }
}
