import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { SortDirection } from '../../platform/connection.js';
import { AlertSeverity, AlertStatus, AlertType } from './alert.enums.js';

export enum AlertSortField {
  LAST_SEEN_AT = 'LAST_SEEN_AT',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(AlertSortField, { name: 'AlertSortField' });

@InputType()
export class AlertOrder {
  @Field(() => AlertSortField, { defaultValue: AlertSortField.LAST_SEEN_AT })
  field: AlertSortField = AlertSortField.LAST_SEEN_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction: SortDirection = SortDirection.DESC;
}

@InputType()
export class AlertFilter {
  @Field(() => [AlertStatus], { nullable: true })
  statuses?: AlertStatus[];

  @Field(() => AlertSeverity, { nullable: true, description: 'This severity or higher.' })
  minSeverity?: AlertSeverity;

  @Field(() => [AlertType], { nullable: true })
  types?: AlertType[];

  @Field(() => ID, { nullable: true })
  modelId?: string;

  @Field({ nullable: true, description: 'Case-insensitive substring of the title.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}
