import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

/**
 * Idempotency and optimistic concurrency, on every command of every subgraph: the GraphQL side of the event
 * store's `CommandOptions` (`commandContext`, `expectedVersionOf` in @lianjian/event-store).
 */
@InputType({ isAbstract: true })
export abstract class CommandInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A UUID chosen by the client: sending the same command twice has one effect.',
  })
  @IsOptional()
  @IsUUID()
  commandId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The version last seen; another version is a CONFLICT (re-read and retry).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;
}
