import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Caller } from '@lianjian/auth';
import { optionalCalendarDateArg } from '@lianjian/api';
import { CoverageQueries } from '../application/unit-coverage/coverage.queries';
import { MeetingCommands } from '../application/meetings/meetings.commands';
import { MeetingQueries } from '../application/meetings/meetings.queries';
import { MemberCountQueries } from '../application/membership/member-counts.queries';
import { type OrganizationView } from '../application/read-models';
import { InputValidationError } from './errors';
import { CODE, COMMUNITY_ARG, DISTRICT_ARG, STREET_ARG, codeMessage } from './inputs';
import { toMeeting, toUnit } from './mappers';
import { RecordMeetingInput } from './membership.inputs';
import {
  CadenceRequirementModel,
  EligibleUnitModel,
  MeetingModel,
  MemberCountsModel,
  RegionCoverageModel,
} from './membership.types';
import { OrganizationModel } from './types';

type OrganizationParent = OrganizationModel & OrganizationView;

function regionArg(value: string | null | undefined, field: string): string | null {
  if (value && !CODE.test(value))
    throw new InputValidationError([{ field, constraints: [codeMessage.message.replace('$property', field)] }]);
  return value ?? null;
}

/** Members in the organization tree (from member events), the 应建未建 ledger, coverage, and organizational life. */
@Resolver(() => OrganizationModel)
export class MembershipResolver {
  constructor(
    private readonly meetingCommands: MeetingCommands,
    private readonly memberCountQueries: MemberCountQueries,
    private readonly meetingQueries: MeetingQueries,
    private readonly coverageQueries: CoverageQueries,
  ) {}

  @ResolveField(() => MemberCountsModel, {
    description: "Members by stage and status, from the members service's events.",
  })
  memberCounts(
    @Parent() org: OrganizationParent,
    @Args('includeSubtree', { type: () => Boolean, defaultValue: false }) includeSubtree: boolean,
  ) {
    return this.memberCountQueries.memberCounts(org, includeSubtree);
  }

  @ResolveField(() => [MeetingModel], { description: 'Organizational-life meetings, oldest first.' })
  async meetings(
    @Parent() org: OrganizationParent,
    @Args('from', { type: () => String, nullable: true }) from: string | null,
    @Args('to', { type: () => String, nullable: true }) to: string | null,
  ) {
    return (
      await this.meetingQueries.meetings(org, optionalCalendarDateArg(from, 'from'), optionalCalendarDateArg(to, 'to'))
    ).map(toMeeting);
  }

  @ResolveField(() => [CadenceRequirementModel], {
    description:
      'Required meetings of the month, quarter and year containing asOf (default today), and which are missing.',
  })
  meetingCadence(
    @Parent() org: OrganizationParent,
    @Args('asOf', { type: () => String, nullable: true }) asOf: string | null,
  ) {
    return this.meetingQueries.meetingCadence(org, optionalCalendarDateArg(asOf, 'asOf'));
  }

  @Query(() => [EligibleUnitModel], {
    description: '应建未建台帐: units with ≥3 full members (configurable) and no organization covering them.',
  })
  async eligibleWithoutOrganization(
    @Context('caller') caller: Caller,
    @Args('district', DISTRICT_ARG) district: string | null,
    @Args('street', STREET_ARG) street: string | null,
    @Args('community', COMMUNITY_ARG) community: string | null,
  ) {
    const rows = await this.coverageQueries.eligibleWithoutOrganization(caller, {
      district: regionArg(district, 'district'),
      street: regionArg(street, 'street'),
      community: regionArg(community, 'community'),
    });
    return rows.map((r) => ({ unit: toUnit(r.unit), fullMembers: r.fullMembers }));
  }

  @Query(() => RegionCoverageModel, {
    description: 'Coverage rates of a region (your district unless you are a city-level reader).',
  })
  regionCoverage(
    @Context('caller') caller: Caller,
    @Args('district', DISTRICT_ARG) district: string | null,
    @Args('street', STREET_ARG) street: string | null,
    @Args('community', COMMUNITY_ARG) community: string | null,
  ) {
    return this.coverageQueries.regionCoverage(caller, {
      district: regionArg(district, 'district'),
      street: regionArg(street, 'street'),
      community: regionArg(community, 'community'),
    });
  }

  @Mutation(() => MeetingModel, {
    description: 'Record an organizational-life meeting; attendance reaches the members service as an event.',
  })
  async recordMeeting(@Context('caller') caller: Caller, @Args('input') input: RecordMeetingInput) {
    return toMeeting(await this.meetingCommands.recordMeeting(caller, input));
  }
}
