import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import type { Context } from '../../platform/context.js';
import { loadRef } from '../../platform/repository.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { RecordMonitorSampleInput, UploadReferenceProfileInput } from './drift.inputs.js';
import { recordMonitorSample } from './drift.service.js';
import { MonitorSnapshot } from './monitor-snapshot.entity.js';
import { ReferenceProfile } from './reference-profile.entity.js';
import { referenceProfilesOfModel, uploadReferenceProfiles } from './reference-profile.service.js';

@Resolver(() => ReferenceProfile)
export class ReferenceProfileResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => [ReferenceProfile], {
    description: "Sets the model's reference profiles of the given features from uploaded reference data (replacing earlier ones), all in one transaction.",
  })
  uploadReferenceProfile(@Arg('input', () => UploadReferenceProfileInput) input: UploadReferenceProfileInput, @Ctx() ctx: Context) {
    return uploadReferenceProfiles(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => MonitorSnapshot, {
    description:
      'Records a batch of current production data: computes each feature’s drift against its reference profile, stores and evaluates a snapshot, raises DRIFT_DETECTED, and queues a DRIFT retrain when the manifest asks for it.',
  })
  recordMonitorSample(@Arg('input', () => RecordMonitorSampleInput) input: RecordMonitorSampleInput, @Ctx() ctx: Context) {
    return recordMonitorSample(ctx, input);
  }

  @FieldResolver(() => Model)
  model(@Root() profile: ReferenceProfile, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, profile.model);
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The TRAIN run that captured it (source TRAINING_RUN).' })
  run(@Root() profile: ReferenceProfile, @Ctx() ctx: Context) {
    return profile.run ? loadRef(ctx, Run, profile.run) : null;
  }
}

@Resolver(() => Model)
export class ModelReferenceProfilesResolver {
  @FieldResolver(() => [ReferenceProfile], { description: 'Reference profiles per feature (drift is measured against them), by feature name.' })
  referenceProfiles(@Root() model: Model, @Ctx() ctx: Context) {
    return referenceProfilesOfModel(ctx, model.id);
  }
}

@Resolver(() => MonitorSnapshot)
export class SnapshotRetrainResolver {
  @FieldResolver(() => Run, { nullable: true, description: 'The retrain (trigger DRIFT) this snapshot queued because the data set drifted.' })
  triggeredRun(@Root() snapshot: MonitorSnapshot, @Ctx() ctx: Context) {
    return snapshot.triggeredRun ? loadRef(ctx, Run, snapshot.triggeredRun) : null;
  }
}
