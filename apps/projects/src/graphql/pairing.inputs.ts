import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CommandInput, ID_PATTERN, IsCalendarDate, idMessage } from '@lianjian/api';

@InputType('PairingCommitmentInput')
export class PairingCommitmentInput {
  @Field(() => ID, { description: 'One of the two organizations.' })
  @Matches(ID_PATTERN, idMessage)
  organizationId!: string;
  @Field() @IsString() @Length(1, 500) commitment!: string;
}

@InputType()
export class AgreePairingInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client, or generated.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  pairingId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The council it is agreed under, if any.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  councilId?: string | null;
  @Field(() => [ID], { description: 'The two organizations (active in the organizations service).' })
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @Matches(ID_PATTERN, { each: true, ...idMessage })
  organizationIds!: string[];
  @Field(() => [PairingCommitmentInput], { description: 'At least one for each organization.' })
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PairingCommitmentInput)
  commitments!: PairingCommitmentInput[];
  @Field() @IsCalendarDate() from!: string;
  @Field() @IsCalendarDate() until!: string;
}

@InputType()
export class EndPairingInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) pairingId!: string;
  @Field() @IsCalendarDate() endedOn!: string;
  @Field() @IsString() @Length(1, 500) reason!: string;
}
