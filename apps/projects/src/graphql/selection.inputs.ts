import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { CommandInput, ID_PATTERN, IsCalendarDate, idMessage } from '@lianjian/api';

const PERIOD = /^\d{4}(-H[12])?$/;
const periodMessage = { message: 'period must be YYYY, YYYY-H1 or YYYY-H2' };

@InputType({ isAbstract: true })
abstract class SelectionInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) councilId!: string;
  @Field({ description: 'YYYY, YYYY-H1 or YYYY-H2.' }) @Matches(PERIOD, periodMessage) period!: string;
}

@InputType()
export class NominateCreativeProjectInput extends SelectionInput {
  @Field(() => ID, { description: 'A project of this council.' }) @Matches(ID_PATTERN, idMessage) projectId!: string;
  @Field() @IsCalendarDate() nominatedOn!: string;
}

@InputType()
export class VoteCreativeProjectInput extends SelectionInput {
  @Field(() => ID, { description: 'The member unit voting (you act for it).' })
  @Matches(ID_PATTERN, idMessage)
  unitId!: string;
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) projectId!: string;
  @Field() @IsCalendarDate() votedOn!: string;
}

@InputType()
export class SelectCreativeProjectInput extends SelectionInput {
  @Field(() => ID, { nullable: true, description: "The chair's choice among projects tied for the most votes." })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  tieBreak?: string | null;
  @Field() @IsCalendarDate() selectedOn!: string;
}
