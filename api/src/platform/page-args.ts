import { ArgsType, Field, Int } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from './pagination.js';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size (0–${MAX_PAGE_SIZE}).` })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;
}
