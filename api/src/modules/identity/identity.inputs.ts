import { Field, ID, InputType } from 'type-graphql';
import { Role } from './roles.js';

// Texts are checked by the services (trimmed, every problem at once, with `input.…` paths).

@InputType()
export class SignInInput {
  @Field()
  email!: string;

  @Field()
  password!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  currentPassword!: string;

  @Field({ description: 'At least 10 characters.' })
  newPassword!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field({ description: '1–100 characters, e.g. `nightly-training`.' })
  name!: string;

  @Field(() => Role, { description: 'At most the creator’s own role.' })
  role!: Role;

  @Field({ nullable: true, description: 'When it stops working (in the future); none: until revoked.' })
  expiresAt?: Date;
}

@InputType()
export class AddWorkspaceMemberInput {
  @Field()
  email!: string;

  @Field({ nullable: true, description: 'Required when the email has no account yet.' })
  name?: string;

  @Field(() => Role)
  role!: Role;

  @Field({ nullable: true, description: 'Required when the email has no account yet (at least 10 characters).' })
  password?: string;
}

@InputType()
export class ChangeMemberRoleInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => Role)
  role!: Role;
}
