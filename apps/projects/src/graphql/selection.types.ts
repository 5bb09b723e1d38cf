import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CreativeProjectNomination')
export class CreativeProjectNominationModel {
  @Field(() => ID) projectId!: string;
  @Field() nominatedOn!: string;
}

@ObjectType('CreativeProjectVote', { description: "A member unit's vote." })
export class CreativeProjectVoteModel {
  @Field(() => ID) unitId!: string;
  @Field(() => ID) projectId!: string;
  @Field() votedOn!: string;
}

@ObjectType('CreativeProjectTally')
export class CreativeProjectTallyModel {
  @Field(() => ID) projectId!: string;
  @Field(() => Int) votes!: number;
}

@ObjectType('CreativeProjectResult')
export class CreativeProjectResultModel {
  @Field(() => ID) projectId!: string;
  @Field(() => Int) votes!: number;
  @Field() selectedOn!: string;
}

@ObjectType('CreativeProjectSelection', {
  description: "A council's “most creative project” selection (最具创意项目) for a period: nominations, votes, result.",
})
export class CreativeProjectSelectionModel {
  @Field(() => ID) councilId!: string;
  @Field({ description: 'YYYY, YYYY-H1 or YYYY-H2.' }) period!: string;
  @Field(() => Int, { description: 'The stream version (0: nothing nominated yet).' }) version!: number;
  @Field(() => [CreativeProjectNominationModel]) nominations!: CreativeProjectNominationModel[];
  @Field(() => [CreativeProjectVoteModel]) votes!: CreativeProjectVoteModel[];
  @Field(() => [CreativeProjectTallyModel], { description: 'Every nominated project’s votes, most first.' })
  tally!: CreativeProjectTallyModel[];
  @Field(() => CreativeProjectResultModel, { nullable: true }) result!: CreativeProjectResultModel | null;
}
