import { Args, Context, Float, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InputValidationError, connection } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { serviceHoursIn } from '@lianjian/members-domain';
import { CommunityRegistrationHandlers } from '../application/mobility/community-registration.handlers';
import { type MobilityResult, MobilityHandlers } from '../application/mobility/mobility.handlers';
import {
  type CommunityRegistrationItem,
  type FlowInItem,
  type FlowOutItem,
  type MobilityItem,
  MobilityQueries,
} from '../application/mobility/mobility.queries';
import { type MemberParent, toMember } from './mappers';
import { MemberModel } from './member.types';
import {
  CommunityRegistrationListArgs,
  EndFlowInInput,
  EndFlowOutInput,
  FlowOutListArgs,
  GiveCommunityFeedbackInput,
  MarkFlowOutLostContactInput,
  MobilityListArgs,
  RecordCommunityServiceInput,
  RecordFlowOutContactInput,
  RegisterFlowInInput,
  RegisterFlowOutInput,
  RegisterWithCommunityInput,
  RevokeCommunityRegistrationInput,
} from './mobility.inputs';
import {
  CommunityFeedbackModel,
  CommunityRegistrationConnectionModel,
  CommunityRegistrationModel,
  CommunityServiceModel,
  FlowInConnectionModel,
  FlowInModel,
  FlowOutConnectionModel,
  FlowOutModel,
  MemberMobilityModel,
  MobilityContactModel,
} from './mobility.types';

// Mobility (流动党员) and community registration (在职党员到社区报到) in the graph: the resolvers only translate; who may
// do and see what is the application's (application/mobility/).

type FlowOutParent = FlowOutModel & { readonly item: FlowOutItem };
type FlowInParent = FlowInModel & { readonly item: FlowInItem };
type MobilityParent = MemberMobilityModel & {
  readonly item: MobilityItem | null;
  readonly memberView: MemberParent | null;
};
type RegistrationParent = CommunityRegistrationModel & { readonly item: CommunityRegistrationItem };

const maskedNameOf = (item: { member: { profile: { maskedName: string } } | null }): string =>
  item.member?.profile.maskedName ?? '*';
const memberOf = (item: FlowOutItem | FlowInItem | MobilityItem | CommunityRegistrationItem): MemberParent | null =>
  item.memberReadable && item.member ? toMember(item.member) : null;

const toFlowOut = (item: FlowOutItem): FlowOutParent => {
  const f = item.flowOut;
  return {
    item,
    id: f.flowOutId,
    memberId: item.memberId,
    maskedName: maskedNameOf(item),
    organizationId: f.organizationId,
    destination: f.destination,
    hostOrganizationId: f.hostOrganizationId,
    hostName: f.hostName,
    from: f.from,
    until: f.until,
    lastContactOn: f.lastContactOn,
    registeredOn: f.registeredOn,
    endedOn: f.endedOn,
    ending: f.ending,
    transferDueOn: item.transferDueOn,
    transferCandidate: item.transferCandidate,
    noContactDueOn: item.noContactDueOn,
    withoutContact: item.withoutContact,
  };
};

const toFlowIn = (item: FlowInItem): FlowInParent => {
  const f = item.flowIn;
  return {
    item,
    id: f.flowInId,
    memberId: item.memberId,
    maskedName: maskedNameOf(item),
    organizationId: f.organizationId,
    hostOrganizationId: f.hostOrganizationId,
    hostName: f.hostName,
    from: f.from,
    until: f.until,
    flowOutId: f.flowOutId,
    registeredOn: f.registeredOn,
    endedOn: f.endedOn,
    ending: f.ending,
  };
};

const toMobility = (item: MobilityItem | null, result: MobilityResult | null): MobilityParent | null => {
  if (!item && !result) return null;
  return {
    item,
    memberView: item ? memberOf(item) : null,
    memberId: item?.memberId ?? result!.member._id,
    maskedName: item ? maskedNameOf(item) : result!.member.profile.maskedName,
    flowOut: item?.flowOut ? toFlowOut(item.flowOut) : null,
    flowIn: item?.flowIn ? toFlowIn(item.flowIn) : null,
    pastFlowOuts: item?.pastFlowOuts.map(toFlowOut) ?? [],
    pastFlowIns: item?.pastFlowIns.map(toFlowIn) ?? [],
    version: item?.version ?? result!.mobility.version,
  };
};

const toRegistration = (item: CommunityRegistrationItem): RegistrationParent => {
  const r = item.registration;
  return {
    item,
    id: r._id,
    memberId: r.memberId,
    maskedName: maskedNameOf(item),
    organizationId: r.organizationId,
    communityId: r.communityId,
    communityName: r.communityName,
    status: r.status,
    registeredOn: r.registeredOn,
    revokedOn: r.revokedOn,
    revokedBy: r.revokedBy,
    pastPeriods: [...r.pastPeriods],
    serviceHours: r.services.reduce((sum, s) => sum + s.hours, 0),
    version: r.version,
  };
};

/** The lists take a branch, a community or a district: one of them, or none (everything the caller reads). */
function oneListTarget(args: {
  organizationId?: string | null;
  district?: string | null;
  communityId?: string | null;
}) {
  const given = (['organizationId', 'communityId', 'district'] as const).filter((k) => args[k]);
  if (given.length > 1)
    throw InputValidationError.of(
      given[1]!,
      `give one of ${given.join(', ')}: a list is of one organization or district`,
    );
}

@Resolver()
export class MobilityResolver {
  constructor(
    private readonly mobility: MobilityHandlers,
    private readonly communities: CommunityRegistrationHandlers,
    private readonly queries: MobilityQueries,
  ) {}

  // ---- lists --------------------------------------------------------------------------------------------------------

  @Query(() => FlowOutConnectionModel, {
    description:
      '流出党员: members of a branch (or its subtree) or a district flowing out now, by member id; transfer candidates (out 6 months or more) and those without contact on request.',
  })
  async mobileMembersOut(@Context('caller') caller: Caller, @Args() args: FlowOutListArgs) {
    oneListTarget(args);
    return connection(
      await this.queries.flowingOut(caller, args, { first: args.first, after: args.after ?? null }),
      toFlowOut,
    );
  }

  @Query(() => FlowInConnectionModel, {
    description:
      '流入党员: members taking part in the activities of a branch (or its subtree) or a district’s organizations now.',
  })
  async mobileMembersIn(@Context('caller') caller: Caller, @Args() args: MobilityListArgs) {
    oneListTarget(args);
    return connection(
      await this.queries.flowingIn(caller, args, { first: args.first, after: args.after ?? null }),
      toFlowIn,
    );
  }

  @Query(() => CommunityRegistrationConnectionModel, {
    description:
      '在职党员到社区报到: the active registrations of a branch’s (or a subtree’s, a district’s) members, or of a community, with their services and the community’s feedback.',
  })
  async communityRegistrations(@Context('caller') caller: Caller, @Args() args: CommunityRegistrationListArgs) {
    oneListTarget(args);
    return connection(
      await this.queries.registrations(caller, args, { first: args.first, after: args.after ?? null }),
      toRegistration,
    );
  }

  // ---- mobility -----------------------------------------------------------------------------------------------------

  @Mutation(() => MemberMobilityModel, {
    description:
      "流出登记 by the member's branch or district: where, the host for activities, the period, a contact (sealed). A member already flowing out is refused (ALREADY_FLOWING_OUT).",
  })
  registerFlowOut(@Context('caller') caller: Caller, @Args('input') input: RegisterFlowOutInput) {
    return this.answer(caller, this.mobility.registerFlowOut(caller, input));
  }

  @Mutation(() => MemberMobilityModel, {
    description:
      'The branch heard from a member flowing out (a new contact, maybe); lost contact, if marked, is restored.',
  })
  recordFlowOutContact(@Context('caller') caller: Caller, @Args('input') input: RecordFlowOutContactInput) {
    return this.answer(caller, this.mobility.recordFlowOutContact(caller, input));
  }

  @Mutation(() => MemberMobilityModel, {
    description: 'The member returned, transferred, or the flow-out was a mistake.',
  })
  endFlowOut(@Context('caller') caller: Caller, @Args('input') input: EndFlowOutInput) {
    return this.answer(caller, this.mobility.endFlowOut(caller, input));
  }

  @Mutation(() => MemberMobilityModel, {
    description:
      '失联 from a flow-out without contact for 6 months (configurable): recorded on the member (Member.lostContactSince, dated at the last contact), as recordLostContact does.',
  })
  markFlowOutLostContact(@Context('caller') caller: Caller, @Args('input') input: MarkFlowOutLostContactInput) {
    return this.answer(caller, this.mobility.markFlowOutLostContact(caller, input));
  }

  @Mutation(() => MemberMobilityModel, {
    description:
      "流入登记 by the host organization's admins: the member takes part in its activities; their branch stays.",
  })
  registerFlowIn(@Context('caller') caller: Caller, @Args('input') input: RegisterFlowInInput) {
    return this.answer(caller, this.mobility.registerFlowIn(caller, input));
  }

  @Mutation(() => MemberMobilityModel, { description: "By the host's admins, or the member's branch's." })
  endFlowIn(@Context('caller') caller: Caller, @Args('input') input: EndFlowInInput) {
    return this.answer(caller, this.mobility.endFlowIn(caller, input));
  }

  // ---- community registration ---------------------------------------------------------------------------------------

  @Mutation(() => CommunityRegistrationModel, {
    description:
      "An employed member registers with the community where they live: themself, their branch's or district's admins, or the community's. One per community.",
  })
  async registerWithCommunity(@Context('caller') caller: Caller, @Args('input') input: RegisterWithCommunityInput) {
    return toRegistration(
      await this.queries.registrationItem(caller, await this.communities.registerWithCommunity(caller, input)),
    );
  }

  @Mutation(() => CommunityRegistrationModel, { description: 'By the member, their branch’s side or the community’s.' })
  async revokeCommunityRegistration(
    @Context('caller') caller: Caller,
    @Args('input') input: RevokeCommunityRegistrationInput,
  ) {
    return toRegistration(
      await this.queries.registrationItem(caller, await this.communities.revokeCommunityRegistration(caller, input)),
    );
  }

  @Mutation(() => CommunityRegistrationModel, {
    description: "The community's admins record the member's service there: what, when, hours.",
  })
  async recordCommunityService(@Context('caller') caller: Caller, @Args('input') input: RecordCommunityServiceInput) {
    return toRegistration(
      await this.queries.registrationItem(caller, await this.communities.recordCommunityService(caller, input)),
    );
  }

  @Mutation(() => CommunityRegistrationModel, {
    description:
      "The community's feedback on the member: it reaches the member's branch (input to the yearly appraisal).",
  })
  async giveCommunityFeedback(@Context('caller') caller: Caller, @Args('input') input: GiveCommunityFeedbackInput) {
    return toRegistration(
      await this.queries.registrationItem(caller, await this.communities.giveCommunityFeedback(caller, input)),
    );
  }

  private async answer(caller: Caller, command: Promise<MobilityResult>): Promise<MobilityParent> {
    const result = await command;
    return toMobility(await this.queries.visibleMobility(caller, result.mobility, result.member), result)!;
  }
}

/** A member's mobility and community registrations, on the Member type. */
@Resolver(() => MemberModel)
export class MemberMobilityResolver {
  constructor(private readonly queries: MobilityQueries) {}

  @ResolveField(() => MemberMobilityModel, {
    nullable: true,
    description: '流动党员: flow-outs and flow-ins, open and past (null: none recorded).',
  })
  async mobility(@Parent() m: MemberParent, @Context('caller') caller: Caller) {
    return toMobility(await this.queries.mobilityOf(caller, m.id), null);
  }

  @ResolveField(() => [CommunityRegistrationModel], {
    description: '在职党员到社区报到: every registration with a community, revoked ones too.',
  })
  async communityRegistrations(@Parent() m: MemberParent, @Context('caller') caller: Caller) {
    return (await this.queries.registrationsOf(caller, m.id)).map(toRegistration);
  }
}

@Resolver(() => MemberMobilityModel)
export class MemberMobilityFieldsResolver {
  @ResolveField(() => MemberModel, { nullable: true, description: 'The member, when you may read them.' })
  member(@Parent() p: MobilityParent) {
    return p.memberView;
  }
}

@Resolver(() => FlowOutModel)
export class FlowOutResolver {
  constructor(private readonly queries: MobilityQueries) {}

  @ResolveField(() => MemberModel, { nullable: true, description: 'The member, when you may read them.' })
  member(@Parent() p: FlowOutParent) {
    return memberOf(p.item);
  }

  @ResolveField(() => MobilityContactModel, {
    nullable: true,
    description:
      "The phone masked; in full with the address when reveal is asked and you are the member or an admin responsible on the member's or the host's side (audited, within the reveal limits). Null: none given, or erased.",
  })
  contact(
    @Parent() p: FlowOutParent,
    @Context('caller') caller: Caller,
    @Args('reveal', { type: () => Boolean, defaultValue: false }) reveal: boolean,
  ) {
    return this.queries.contact(caller, p.item, p.item.flowOut.contact, reveal);
  }
}

@Resolver(() => FlowInModel)
export class FlowInResolver {
  constructor(private readonly queries: MobilityQueries) {}

  @ResolveField(() => MemberModel, { nullable: true, description: 'The member, when you may read them.' })
  member(@Parent() p: FlowInParent) {
    return memberOf(p.item);
  }

  @ResolveField(() => MobilityContactModel, { nullable: true, description: 'As FlowOut.contact.' })
  contact(
    @Parent() p: FlowInParent,
    @Context('caller') caller: Caller,
    @Args('reveal', { type: () => Boolean, defaultValue: false }) reveal: boolean,
  ) {
    return this.queries.contact(caller, p.item, p.item.flowIn.contact, reveal);
  }
}

@Resolver(() => CommunityRegistrationModel)
export class CommunityRegistrationResolver {
  constructor(private readonly queries: MobilityQueries) {}

  @ResolveField(() => MemberModel, { nullable: true, description: 'The member, when you may read them.' })
  member(@Parent() p: RegistrationParent) {
    return memberOf(p.item);
  }

  @ResolveField(() => [CommunityServiceModel], { description: 'Oldest first.' })
  services(@Parent() p: RegistrationParent): Promise<CommunityServiceModel[]> {
    return Promise.all(
      p.item.registration.services.map(async (s) => ({
        id: s.serviceId,
        kind: s.kind,
        on: s.on,
        hours: s.hours,
        organizationId: s.organizationId,
        description: await this.queries.communityText(p.item, 'communityService', s.description),
      })),
    );
  }

  @ResolveField(() => [CommunityFeedbackModel], { description: 'Oldest first.' })
  feedback(@Parent() p: RegistrationParent): Promise<CommunityFeedbackModel[]> {
    return Promise.all(
      p.item.registration.feedback.map(async (f) => ({
        id: f.feedbackId,
        rating: f.rating,
        givenOn: f.givenOn,
        organizationId: f.organizationId,
        comment: await this.queries.communityText(p.item, 'communityFeedback', f.comment),
      })),
    );
  }

  @ResolveField(() => Float, { description: 'Hours of service recorded in a calendar year (the appraisal’s).' })
  serviceHoursIn(@Parent() p: RegistrationParent, @Args('year', { type: () => Int }) year: number) {
    return serviceHoursIn(p.item.registration, year);
  }
}
