import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { Connection } from '../../platform/connection.js';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import { byIdLoader, loadRef } from '../../platform/repository.js';
import { AbTest } from '../abtests/ab-test.entity.js';
import { Arena } from '../arena/arena.entity.js';
import { Model } from '../models/model.entity.js';
import { Run } from '../runs/run.entity.js';
import { abTestsOfExperiment, experimentsOfModel, modelsOfExperiment, runsOfExperiment } from './experiment-links.js';
import { Experiment } from './experiment.entity.js';
import { CompleteExperimentInput, ExperimentFilter, ExperimentOrder, LinkExperimentInput, ProposeExperimentInput, UnlinkExperimentInput, UpdateExperimentInput } from './experiment.inputs.js';
import * as experiments from './experiment.service.js';
import { ExperimentAdoption, ExperimentCounts, ExperimentModel } from './experiment.types.js';

export const ExperimentConnection = Connection(Experiment, 'Experiment');

@Resolver(() => Experiment)
export class ExperimentResolver {
  @Authorized(Role.VIEWER)
  @Query(() => ExperimentConnection)
  experiments(
    @Args() page: PageArgs,
    @Arg('filter', () => ExperimentFilter, { nullable: true }) filter: ExperimentFilter | undefined,
    @Arg('orderBy', () => ExperimentOrder, { nullable: true }) orderBy: ExperimentOrder | undefined,
    @Ctx() ctx: Context,
  ) {
    return experiments.listExperiments(ctx, filter, orderBy ?? new ExperimentOrder(), page);
  }

  @Authorized(Role.VIEWER)
  @Query(() => ExperimentCounts, { description: 'Experiments matching the filter, per status (the experiments board).' })
  experimentCounts(@Arg('filter', () => ExperimentFilter, { nullable: true }) filter: ExperimentFilter | undefined, @Ctx() ctx: Context) {
    return experiments.experimentCounts(ctx, filter);
  }

  @Authorized(Role.VIEWER)
  @Query(() => Experiment, { nullable: true, description: 'By id (null and a NOT_FOUND error if it is not in the workspace).' })
  experiment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return experiments.getExperiment(ctx, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Experiment, { description: 'A PROPOSED experiment owned by the caller, optionally linked to models (with roles), runs and A/B tests right away.' })
  proposeExperiment(@Arg('input', () => ProposeExperimentInput) input: ProposeExperimentInput, @Ctx() ctx: Context) {
    return experiments.proposeExperiment(ctx, input);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Experiment, { description: 'PROPOSED → APPROVED (records who, when and the note); otherwise CONFLICT.' })
  approveExperiment(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | null | undefined, @Ctx() ctx: Context) {
    return experiments.approveExperiment(ctx, id, note);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Experiment, { description: 'PROPOSED → REJECTED with a rationale (required); otherwise CONFLICT.' })
  rejectExperiment(@Arg('id', () => ID) id: string, @Arg('rationale') rationale: string, @Ctx() ctx: Context) {
    return experiments.rejectExperiment(ctx, id, rationale);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Experiment, { description: 'APPROVED → IN_PROGRESS; otherwise CONFLICT.' })
  startExperiment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return experiments.startExperiment(ctx, id);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Experiment, { description: 'IN_PROGRESS → SHADOW_TESTING; otherwise CONFLICT.' })
  startShadowTesting(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return experiments.startShadowTesting(ctx, id);
  }

  @Authorized(Role.APPROVER)
  @Mutation(() => Experiment, {
    description: [
      'IN_PROGRESS | SHADOW_TESTING → COMPLETED with the decision, a rationale (required) and the results; otherwise CONFLICT.',
      'ADOPT adopts every CANDIDATE model, PARTIAL_ADOPT only those in `adoptModelIds` (required, each a linked CANDIDATE), REJECT none.',
      'Adopting a model that is a CHALLENGER or SHADOW of an arena makes it the arena’s CHAMPION through the arena’s promotion (the policy is overridden since people decided; the old champion is retired; audited as `arena.promote` with the rationale); a model that already is the champion stays so.',
      'A model in no arena follows the model lifecycle: STAGING becomes PRODUCTION, PRODUCTION stays, DRAFT and RETIRED are refused (stage it or add it to an arena first). Two adopted models of the same arena are refused: an arena has one champion.',
      'Everything happens in one transaction: if any adoption is refused, nothing is written and the CONFLICT names the model and why. Raises an EXPERIMENT_COMPLETE alert (INFO) on the first adopted model.',
    ].join(' '),
  })
  completeExperiment(@Arg('input', () => CompleteExperimentInput) input: CompleteExperimentInput, @Ctx() ctx: Context) {
    return experiments.completeExperiment(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Experiment, { description: 'Links models (with a role), runs and A/B tests of the workspace (NOT_FOUND otherwise); CONFLICT once COMPLETED or REJECTED.' })
  linkExperiment(@Arg('input', () => LinkExperimentInput) input: LinkExperimentInput, @Ctx() ctx: Context) {
    return experiments.linkExperiment(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Experiment, { description: 'Removes links (each must be linked); CONFLICT once COMPLETED or REJECTED.' })
  unlinkExperiment(@Arg('input', () => UnlinkExperimentInput) input: UnlinkExperimentInput, @Ctx() ctx: Context) {
    return experiments.unlinkExperiment(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Experiment, { description: 'Changes name, hypothesis, target metric, expected improvement or description; CONFLICT once COMPLETED or REJECTED.' })
  updateExperiment(@Arg('input', () => UpdateExperimentInput) input: UpdateExperimentInput, @Ctx() ctx: Context) {
    return experiments.updateExperiment(ctx, input);
  }

  @FieldResolver(() => [ExperimentModel], { description: 'Linked models with their roles: baselines first, then candidates, each in link order.' })
  models(@Root() experiment: Experiment, @Ctx() ctx: Context) {
    return modelsOfExperiment(ctx, experiment.id);
  }

  @FieldResolver(() => [Run], { description: 'Linked runs, newest first.' })
  runs(@Root() experiment: Experiment, @Ctx() ctx: Context) {
    return runsOfExperiment(ctx, experiment.id);
  }

  @FieldResolver(() => [AbTest], { description: 'Linked A/B tests, newest first.' })
  abTests(@Root() experiment: Experiment, @Ctx() ctx: Context) {
    return abTestsOfExperiment(ctx, experiment.id);
  }

  @FieldResolver(() => [ExperimentAdoption], { description: 'What completing the experiment did to each adopted model (empty until COMPLETED, and for REJECT).' })
  adoptions(@Root() experiment: Experiment): ExperimentAdoption[] {
    return experiment.adoptions as ExperimentAdoption[];
  }
}

@Resolver(() => ExperimentAdoption)
export class ExperimentAdoptionResolver {
  @FieldResolver(() => Model)
  model(@Root() adoption: ExperimentAdoption, @Ctx() ctx: Context) {
    return loadRef(ctx, Model, { id: adoption.modelId });
  }

  @FieldResolver(() => Arena, { nullable: true, description: 'The arena the model was adopted in (null for a model in no arena).' })
  async arena(@Root() adoption: ExperimentAdoption, @Ctx() ctx: Context) {
    return adoption.arenaId ? ((await byIdLoader(ctx, Arena).load(adoption.arenaId)) ?? null) : null;
  }
}

@Resolver(() => Model)
export class ModelExperimentsResolver {
  @FieldResolver(() => [Experiment], { description: 'Experiments the model is linked to (in any role), most recently updated first.' })
  experiments(@Root() model: Model, @Ctx() ctx: Context) {
    return experimentsOfModel(ctx, model.id);
  }
}
