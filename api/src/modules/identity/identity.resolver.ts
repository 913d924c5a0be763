import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Field, ArgsType } from 'type-graphql';
import type { Context } from '../../platform/context.js';
import { PageArgs } from '../../platform/page-args.js';
import * as apiKeys from './api-key.service.js';
import { ApiKey } from './api-key.entity.js';
import * as identity from './identity.service.js';
import { AddWorkspaceMemberInput, ChangeMemberRoleInput, ChangePasswordInput, CreateApiKeyInput, SignInInput } from './identity.inputs.js';
import { ApiKeyConnection, CreatedApiKey, SignInResult, Viewer, WorkspaceMember } from './identity.types.js';
import * as members from './member.service.js';
import { Role } from './roles.js';

@ArgsType()
class ApiKeyListArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Also list revoked keys.' })
  includeRevoked: boolean = false;
}

@Resolver()
export class IdentityResolver {
  @Query(() => Viewer, { nullable: true, description: 'Who is calling (null without valid credentials): the user or API key, the selected workspace, the role in it, the workspaces the user belongs to.' })
  viewer(@Ctx() ctx: Context) {
    return identity.viewer(ctx);
  }

  @Mutation(() => SignInResult, { description: 'Opens a session: sets the HttpOnly `modelyard_session` cookie and returns its token (UNAUTHENTICATED for a wrong email or password).' })
  signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() ctx: Context) {
    return identity.signIn(ctx, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Ends the caller's session and clears the cookie; its live subscriptions stop." })
  signOut(@Ctx() ctx: Context) {
    return identity.signOut(ctx);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Changes the signed-in user's password (VALIDATION_FAILED when the current one is wrong); their other sessions end." })
  changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: Context) {
    return identity.changePassword(ctx, input);
  }
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(Role.ADMIN)
  @Query(() => ApiKeyConnection, { description: "The workspace's API keys, newest first (secrets are never shown again)." })
  apiKeys(@Args() args: ApiKeyListArgs, @Ctx() ctx: Context) {
    return apiKeys.listApiKeys(ctx, args.includeRevoked, args);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiKey, { description: 'A key of the workspace with at most your own role. The secret is in this answer only.' })
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: Context) {
    return apiKeys.createApiKey(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiKey, { description: 'Revokes a key: refused from now on, and its live subscriptions stop.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return apiKeys.revokeApiKey(ctx, id);
  }
}

@Resolver(() => WorkspaceMember)
export class WorkspaceMemberResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [WorkspaceMember], { description: "The workspace's members, in the order they were added." })
  workspaceMembers(@Ctx() ctx: Context) {
    return members.listMembers(ctx);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WorkspaceMember, { description: 'Adds a member; an email without an account gets one (then `name` and `password` are required).' })
  addWorkspaceMember(@Arg('input', () => AddWorkspaceMemberInput) input: AddWorkspaceMemberInput, @Ctx() ctx: Context) {
    return members.addMember(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WorkspaceMember, { description: "Changes a member's role (the last ADMIN cannot be demoted: CONFLICT)." })
  changeMemberRole(@Arg('input', () => ChangeMemberRoleInput) input: ChangeMemberRoleInput, @Ctx() ctx: Context) {
    return members.changeMemberRole(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Removes a member (not the last ADMIN: CONFLICT); their live subscriptions of this workspace stop.' })
  removeWorkspaceMember(@Arg('userId', () => ID) userId: string, @Ctx() ctx: Context) {
    return members.removeMember(ctx, userId);
  }
}
