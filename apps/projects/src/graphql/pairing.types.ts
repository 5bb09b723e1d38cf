import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrganizationRefModel } from './council.types';

@ObjectType('PairingCommitment', { description: 'What one side undertakes (共建承诺).' })
export class PairingCommitmentModel {
  @Field(() => OrganizationRefModel) organization!: OrganizationRefModel;
  @Field() commitment!: string;
}

@ObjectType('Pairing', { description: '结对共建: two organizations agree what each does for the other over a period.' })
export class PairingModel {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'The council it was agreed under, if any.' }) councilId!:
    string | null;
  @Field(() => [OrganizationRefModel]) organizations!: OrganizationRefModel[];
  @Field(() => [PairingCommitmentModel]) commitments!: PairingCommitmentModel[];
  @Field() from!: string;
  @Field() until!: string;
  @Field(() => String, { nullable: true }) endedOn!: string | null;
  @Field(() => String, { nullable: true }) endReason!: string | null;
  @Field(() => Int) version!: number;
}
