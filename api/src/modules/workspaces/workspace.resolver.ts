import { Length, Matches } from 'class-validator';
import { Arg, Ctx, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { type Context, workspaceOf } from '../../platform/context.js';
import { getOrNotFound } from '../../platform/repository.js';
import { Workspace } from './workspace.entity.js';
import { createWorkspace } from './workspace.service.js';

@InputType()
export class CreateWorkspaceInput {
  @Field({ description: 'Lower-case letters, digits and dashes, 2–63 characters.' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'slug must be 2–63 lower-case letters, digits or dashes' })
  slug!: string;

  @Field()
  @Length(1, 200)
  name!: string;
}

@Resolver(() => Workspace)
export class WorkspaceResolver {
  @Query(() => Workspace, { description: 'The caller’s workspace.' })
  workspace(@Ctx() ctx: Context) {
    return getOrNotFound(ctx, Workspace, workspaceOf(ctx), 'Workspace');
  }

  @Mutation(() => Workspace, { description: 'Creates an empty workspace (select it with the `x-workspace` header).' })
  createWorkspace(@Arg('input', () => CreateWorkspaceInput) input: CreateWorkspaceInput, @Ctx() ctx: Context) {
    return createWorkspace(ctx.em, input);
  }
}
