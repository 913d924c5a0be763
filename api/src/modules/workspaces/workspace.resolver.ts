import { Length, Matches } from 'class-validator';
import { Arg, Authorized, Ctx, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../identity/roles.js';
import { type Context, workspaceOf } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
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
  @Authorized(Role.VIEWER)
  @Query(() => Workspace, { description: 'The caller’s workspace.' })
  async workspace(@Ctx() ctx: Context) {
    const id = workspaceOf(ctx);
    return (await ctx.em.findOne(Workspace, id)) ?? Promise.reject(new NotFoundError('Workspace', id));
  }

  @Authorized()
  @Mutation(() => Workspace, { description: 'Creates an empty workspace whose ADMIN is the signed-in caller (select it with the `x-workspace` header or the `modelyard_workspace` cookie).' })
  createWorkspace(@Arg('input', () => CreateWorkspaceInput) input: CreateWorkspaceInput, @Ctx() ctx: Context) {
    return createWorkspace(ctx.em, input, ctx.caller.user!.id);
  }
}
