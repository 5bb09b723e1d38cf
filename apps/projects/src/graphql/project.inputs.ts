import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommandInput, ID_PATTERN, IsCalendarDate, idMessage } from '@lianjian/api';
import {
  NEED_CATEGORIES,
  type NeedCategory,
  PROJECT_INDICATORS,
  RESOURCE_KINDS,
  type ResourceKind,
  type SignInKind,
} from '@lianjian/projects-domain';
import { ProjectCategoryEnum, ResourceKindEnum, SignInKindEnum } from './project.types';

@InputType()
export class ProposeProjectInput extends CommandInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Chosen by the client, or generated. Retrying with the same id completes a proposal cut short.',
  })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  projectId?: string | null;
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) councilId!: string;
  @Field() @IsString() @Length(2, 100) title!: string;
  @Field(() => ProjectCategoryEnum, { nullable: true, description: "The project type; the first need's by default." })
  @IsOptional()
  @IsIn(NEED_CATEGORIES)
  category?: NeedCategory | null;
  @Field(() => [ID], { description: 'Open needs of the council the project is proposed from.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(ID_PATTERN, { each: true, ...idMessage })
  needIds!: string[];
  @Field() @IsCalendarDate() proposedOn!: string;
}

@InputType({ isAbstract: true })
abstract class ProjectCommandInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) projectId!: string;
}

@InputType()
export class ResolveProjectInput extends ProjectCommandInput {
  @Field(() => ID, { description: 'A session the council held.' }) @Matches(ID_PATTERN, idMessage) sessionId!: string;
  @Field(() => Int, { description: "The session's resolution number." }) @IsInt() @Min(1) resolution!: number;
  @Field() @IsCalendarDate() resolvedOn!: string;
}

@InputType()
export class ApproveProjectInput extends ProjectCommandInput {
  @Field(() => ID, {
    description:
      'The approving party committee: the convener or above it (Committee, WorkingCommittee, GeneralBranch).',
  })
  @Matches(ID_PATTERN, idMessage)
  approverOrganizationId!: string;
  @Field() @IsCalendarDate() approvedOn!: string;
}

@InputType()
export class CommittedResourceInput {
  @Field(() => ResourceKindEnum) @IsIn(RESOURCE_KINDS) kind!: ResourceKind;
  @Field(() => Float) @IsNumber() @Min(0) quantity!: number;
  @Field({ description: 'The unit of measure (hours, yuan, m²…).' }) @IsString() @Length(1, 20) unit!: string;
}

@InputType()
export class ClaimProjectInput extends ProjectCommandInput {
  @Field(() => ID, { description: 'A current member unit of the council.' })
  @Matches(ID_PATTERN, idMessage)
  unitId!: string;
  @Field(() => [CommittedResourceInput], { defaultValue: [] })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CommittedResourceInput)
  resources!: CommittedResourceInput[];
  @Field({ defaultValue: '', description: 'What the unit will do.' }) @IsString() @Length(0, 500) description!: string;
  @Field() @IsCalendarDate() claimedOn!: string;
}

@InputType()
export class StartProjectInput extends ProjectCommandInput {
  @Field() @IsCalendarDate() startedOn!: string;
}

@InputType()
export class RecordProjectMilestoneInput extends ProjectCommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client (a retry records it once), or generated.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  milestoneId?: string | null;
  @Field() @IsString() @Length(2, 100) title!: string;
  @Field() @IsCalendarDate() reachedOn!: string;
}

@InputType()
export class RecordProjectResourceUseInput extends ProjectCommandInput {
  @Field(() => ID, { description: 'A unit that claimed the project.' }) @Matches(ID_PATTERN, idMessage) unitId!: string;
  @Field(() => ResourceKindEnum) @IsIn(RESOURCE_KINDS) resourceKind!: ResourceKind;
  @Field(() => Float) @IsNumber() quantity!: number;
  @Field(() => ID, { nullable: true, description: "An offered resource of the unit's the use draws on (committed)." })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  resourceId?: string | null;
  @Field() @IsCalendarDate() usedOn!: string;
}

@InputType()
export class RecordProjectSignInInput extends ProjectCommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client, or generated.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  signInId?: string | null;
  @Field(() => SignInKindEnum) @IsIn(['Volunteer', 'Member']) kind!: SignInKind;
  @Field(() => ID, { nullable: true, description: "A member's member id; nothing for a volunteer." })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  memberId?: string | null;
  @Field() @IsCalendarDate() on!: string;
}

@InputType()
export class CompleteProjectInput extends ProjectCommandInput {
  @Field() @IsCalendarDate() completedOn!: string;
}

@InputType()
export class IndicatorScoreInput {
  @Field({ description: `One of ${PROJECT_INDICATORS.join(', ')}.` }) @IsIn(PROJECT_INDICATORS) indicator!: string;
  @Field(() => Float) @IsNumber() @Min(0) @Max(100) score!: number;
}

@InputType()
export class ScoreProjectInput extends ProjectCommandInput {
  @Field(() => [IndicatorScoreInput], { description: "Each indicator of the project type's set, once." })
  @ArrayMinSize(1)
  @ArrayMaxSize(PROJECT_INDICATORS.length)
  @ValidateNested({ each: true })
  @Type(() => IndicatorScoreInput)
  scores!: IndicatorScoreInput[];
  @Field() @IsCalendarDate() scoredOn!: string;
}

@InputType()
export class CloseProjectInput extends ProjectCommandInput {
  @Field() @IsCalendarDate() closedOn!: string;
}
