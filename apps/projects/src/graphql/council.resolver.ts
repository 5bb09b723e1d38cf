import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { AFTER_ARG, FIRST_ARG, connection } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { type CouncilResult, CouncilCommands } from '../application/councils/council.commands';
import { CouncilQueries } from '../application/councils/council.queries';
import { type RequestContext } from './context';
import {
  ChangeCouncilRepresentativeInput,
  ConveneCouncilInput,
  FillCommitteeSeatInput,
  HoldCouncilSessionInput,
  JoinCouncilInput,
  LeaveCouncilInput,
  VacateCommitteeSeatInput,
} from './council.inputs';
import { CouncilConnectionModel, CouncilModel, OrganizationRefModel } from './council.types';
import { toCouncil } from './mappers';

// Joint councils in the graph: the resolvers only translate; who may do and see what is the application's.

const options = (input: { commandId?: string | null; expectedVersion?: number | null }) => ({
  commandId: input.commandId ?? null,
  expectedVersion: input.expectedVersion ?? null,
});
const answer = (r: CouncilResult): CouncilModel =>
  toCouncil({ _id: r.council.councilId, version: r.version, state: r.council });

@Resolver(() => CouncilModel)
export class CouncilResolver {
  constructor(
    private readonly commands: CouncilCommands,
    private readonly queries: CouncilQueries,
  ) {}

  @Query(() => CouncilModel, { nullable: true, description: 'A joint council, if it is in your scope.' })
  async council(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const view = await this.queries.council(caller, id);
    return view ? toCouncil(view) : null;
  }

  @Query(() => CouncilConnectionModel, {
    description:
      'The joint councils you may see: a district’s (its code such as `huangpu`), or, without one, those of your scope, ' +
      'those you represent a member unit in and those your organization is a member unit of.',
  })
  async councils(
    @Context('caller') caller: Caller,
    @Args('district', {
      type: () => String,
      nullable: true,
      description: 'A district code such as `huangpu`.',
    })
    district: string | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(await this.queries.councils(caller, district, { first, after }), toCouncil);
  }

  @Mutation(() => CouncilModel, { description: 'Convene a joint council (联席会议 / 党建促进会 / 街道大工委).' })
  async conveneCouncil(@Context('caller') caller: Caller, @Args('input') input: ConveneCouncilInput) {
    return answer(
      await this.commands.convene(
        caller,
        {
          councilId: input.councilId ?? null,
          name: input.name,
          councilKind: input.kind,
          level: input.level,
          convenerOrganizationId: input.convenerOrganizationId,
          street: input.street ?? null,
          community: input.community ?? null,
          convenedOn: input.convenedOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => CouncilModel, { description: 'A unit joins the council as a member unit (成员单位).' })
  async joinCouncil(@Context('caller') caller: Caller, @Args('input') input: JoinCouncilInput) {
    return answer(
      await this.commands.joinMemberUnit(
        caller,
        input.councilId,
        {
          unitId: input.unitId,
          organizationId: input.organizationId ?? null,
          representativeMemberId: input.representativeMemberId ?? null,
          joinedOn: input.joinedOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => CouncilModel, { description: "A member unit's representative changes." })
  async changeCouncilRepresentative(
    @Context('caller') caller: Caller,
    @Args('input') input: ChangeCouncilRepresentativeInput,
  ) {
    return answer(
      await this.commands.changeRepresentative(
        caller,
        input.councilId,
        {
          unitId: input.unitId,
          representativeMemberId: input.representativeMemberId ?? null,
          changedOn: input.changedOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => CouncilModel, {
    description: 'A member unit leaves the council (its seats are vacated); history is kept.',
  })
  async leaveCouncil(@Context('caller') caller: Caller, @Args('input') input: LeaveCouncilInput) {
    return answer(
      await this.commands.leaveMemberUnit(
        caller,
        input.councilId,
        { unitId: input.unitId, leftOn: input.leftOn },
        options(input),
      ),
    );
  }

  @Mutation(() => CouncilModel, {
    description: 'A part-time committee seat (兼职委员) filled by a member unit’s representative.',
  })
  async fillCommitteeSeat(@Context('caller') caller: Caller, @Args('input') input: FillCommitteeSeatInput) {
    return answer(
      await this.commands.fillCommitteeSeat(
        caller,
        input.councilId,
        {
          seatId: input.seatId ?? null,
          title: input.title,
          unitId: input.unitId,
          representativeMemberId: input.representativeMemberId,
          filledOn: input.filledOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => CouncilModel)
  async vacateCommitteeSeat(@Context('caller') caller: Caller, @Args('input') input: VacateCommitteeSeatInput) {
    return answer(
      await this.commands.vacateCommitteeSeat(
        caller,
        input.councilId,
        { seatId: input.seatId, vacatedOn: input.vacatedOn },
        options(input),
      ),
    );
  }

  @Mutation(() => CouncilModel, {
    description: 'A session of the council: the member units attending and its resolutions.',
  })
  async holdCouncilSession(@Context('caller') caller: Caller, @Args('input') input: HoldCouncilSessionInput) {
    return answer(
      await this.commands.holdSession(
        caller,
        input.councilId,
        {
          sessionId: input.sessionId ?? null,
          heldOn: input.heldOn,
          attendingUnitIds: input.attendingUnitIds,
          resolutions: input.resolutions.map((r) => ({ number: r.number, subject: r.subject })),
        },
        options(input),
      ),
    );
  }
}

/** The councils an organization convenes, added to the organizations service's entity (batched per page). */
@Resolver(() => OrganizationRefModel)
export class OrganizationCouncilsResolver {
  @ResolveReference()
  resolveReference(reference: { id: string }) {
    return { id: reference.id };
  }

  @ResolveField(() => [CouncilModel], { description: 'The joint councils this organization convenes (in your scope).' })
  async councils(@Parent() org: OrganizationRefModel, @Context() context: RequestContext) {
    return (await context.loaders.councilsOf.load(org.id)).map(toCouncil);
  }
}
