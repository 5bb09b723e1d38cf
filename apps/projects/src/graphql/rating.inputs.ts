import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ID_PATTERN, IsCalendarDate, idMessage } from '@lianjian/api';

@ArgsType()
export class ProjectRatingLinkArgs {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) projectId!: string;
  @Field(() => String, { nullable: true, description: 'The last day the link opens the form; none: no end.' })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string | null;
}

@ArgsType()
export class NeedReceiptCodeArgs {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) needId!: string;
}

@ArgsType()
export class NeedFormLinkArgs {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) councilId!: string;
  @Field(() => String, { nullable: true, description: 'The last day the link opens the form; none: no end.' })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string | null;
}

@ArgsType()
export class SatisfactionArgs {
  @Field({ description: 'A district code such as `huangpu`.' })
  @Matches(ID_PATTERN, idMessage)
  district!: string;
  @Field(() => String, { nullable: true, description: 'The street, a code such as `waitan`.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  street?: string | null;
}

@ArgsType()
export class SatisfactionRankingArgs {
  @Field({ description: 'A district code such as `huangpu`.' })
  @Matches(ID_PATTERN, idMessage)
  district!: string;
  @Field(() => ID, { nullable: true, description: 'Only the projects of this council.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  councilId?: string | null;
  @Field(() => Int, { defaultValue: 1, description: 'Only projects with at least this many ratings.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minRatings!: number;
  @Field(() => Int, { defaultValue: 50 }) @IsInt() first!: number;
  @Field(() => String, { nullable: true }) @IsOptional() after?: string | null;
}
