import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Caller } from '@lianjian/auth';
import { type PairingResult, PairingCommands } from '../application/pairings/pairing.commands';
import { PairingQueries } from '../application/pairings/pairing.queries';
import { type RequestContext } from './context';
import { OrganizationRefModel } from './council.types';
import { toPairing } from './lists.mappers';
import { AgreePairingInput, EndPairingInput } from './pairing.inputs';
import { PairingModel } from './pairing.types';

const options = (input: { commandId?: string | null; expectedVersion?: number | null }) => ({
  commandId: input.commandId ?? null,
  expectedVersion: input.expectedVersion ?? null,
});
const answer = (r: PairingResult) => toPairing({ _id: r.pairing.pairingId, version: r.version, state: r.pairing });

@Resolver(() => PairingModel)
export class PairingResolver {
  constructor(
    private readonly commands: PairingCommands,
    private readonly queries: PairingQueries,
  ) {}

  @Query(() => PairingModel, { nullable: true, description: 'A pairing, if either organization is in your scope.' })
  async pairing(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const view = await this.queries.pairing(caller, id);
    return view ? toPairing(view) : null;
  }

  @Mutation(() => PairingModel, {
    description: '结对共建: two active organizations agree their commitments and period (you write for at least one).',
  })
  async agreePairing(@Context('caller') caller: Caller, @Args('input') input: AgreePairingInput) {
    return answer(
      await this.commands.agree(
        caller,
        {
          pairingId: input.pairingId ?? null,
          councilId: input.councilId ?? null,
          organizationIds: input.organizationIds,
          commitments: input.commitments.map((c) => ({ organizationId: c.organizationId, commitment: c.commitment })),
          from: input.from,
          until: input.until,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => PairingModel, { description: 'A pairing ends (at its end or earlier), with a reason.' })
  async endPairing(@Context('caller') caller: Caller, @Args('input') input: EndPairingInput) {
    return answer(
      await this.commands.end(
        caller,
        input.pairingId,
        { endedOn: input.endedOn, reason: input.reason },
        options(input),
      ),
    );
  }
}

/** The pairings an organization is part of, added to the organizations service's entity (batched per page). */
@Resolver(() => OrganizationRefModel)
export class OrganizationPairingsResolver {
  @ResolveField(() => [PairingModel], {
    description: 'The pairings (结对共建) this organization is part of (in your scope).',
  })
  async pairings(@Parent() org: OrganizationRefModel, @Context() context: RequestContext) {
    return (await context.loaders.pairingsOf.load(org.id)).map(toPairing);
  }
}
