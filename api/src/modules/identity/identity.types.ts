import { Field, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/connection.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { ApiKey } from './api-key.entity.js';
import { Role } from './roles.js';
import { User } from './user.entity.js';

@ObjectType('Membership', { simpleResolvers: true, description: 'A workspace the user belongs to, with their role in it.' })
export class MembershipView {
  @Field(() => Workspace)
  workspace!: Workspace;

  @Field(() => Role)
  role!: Role;
}

@ObjectType({ simpleResolvers: true, description: 'Who is calling: a signed-in user or an API key, the selected workspace and the role in it.' })
export class Viewer {
  @Field(() => User, { nullable: true })
  user?: User | null;

  @Field(() => ApiKey, { nullable: true })
  apiKey?: ApiKey | null;

  @Field(() => Workspace, { nullable: true, description: 'The selected workspace (null when the caller may not use it).' })
  workspace?: Workspace | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => [MembershipView], { description: "The user's workspaces (an API key: its own)." })
  memberships!: MembershipView[];
}

@ObjectType({ simpleResolvers: true })
export class SignInResult {
  @Field(() => User)
  user!: User;

  @Field({ description: 'The session token (also set as the HttpOnly `modelyard_session` cookie); send it as `Authorization: Bearer <token>` from non-browser clients.' })
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => [MembershipView])
  memberships!: MembershipView[];
}

@ObjectType({ simpleResolvers: true })
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'The key itself (`myk_…`): shown only now, stored as a hash.' })
  secret!: string;
}

@ObjectType({ simpleResolvers: true })
export class WorkspaceMember {
  @Field(() => User)
  user!: User;

  @Field(() => Role)
  role!: Role;

  @Field()
  addedAt!: Date;
}

export const ApiKeyConnection = Connection(ApiKey, 'ApiKey');
