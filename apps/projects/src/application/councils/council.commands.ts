import { randomUUID } from 'node:crypto';
import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type Council,
  type CouncilCommand,
  type CouncilEvent,
  type CouncilKind,
  type CouncilLevel,
  type Resolution,
  type SeatTitle,
  decideCouncil,
  evolveCouncil,
  refuse,
} from '@lianjian/projects-domain';
import { type CouncilAccess } from '../common/council-access';
import { type CommandSupport, type Loaded, type Undated, type StreamDecider } from '../common/command-support';
import { type Directory } from '../ports';

export const COUNCIL_DECIDER: StreamDecider<Council, CouncilCommand, CouncilEvent> = {
  category: 'council',
  decide: decideCouncil,
  evolve: evolveCouncil,
  notFound: 'COUNCIL_NOT_FOUND',
  snapshots: { schemaVersion: 1, every: 50 },
};

type Step<K extends CouncilCommand['kind']> = Omit<Extract<CouncilCommand, { kind: K }>, 'kind' | 'today'>;

export interface CouncilResult {
  readonly council: Council;
  readonly version: number;
}

/**
 * Joint councils (联席会议 / 党建促进会 / 街道大工委): convened by a party organization in its region, member units from
 * the organizations service's unit registry joining and leaving, part-time committee seats, sessions with
 * attendance and resolutions. The council's admins (its convener's subtree) do all of it.
 */
export class CouncilCommands {
  constructor(
    private readonly support: CommandSupport,
    private readonly access: CouncilAccess,
    private readonly directory: Directory,
  ) {}

  async convene(
    caller: Caller,
    input: {
      councilId?: string | null;
      name: string;
      councilKind: CouncilKind;
      level: CouncilLevel;
      convenerOrganizationId: string;
      street?: string | null;
      community?: string | null;
      convenedOn: string;
    },
    options: CommandOptions,
  ): Promise<CouncilResult> {
    const convener = await this.directory.organization(input.convenerOrganizationId);
    if (!convener || convener.status !== 'active')
      refuse(
        'ORGANIZATION_NOT_FOUND',
        `no active organization ${input.convenerOrganizationId} (or its establishment has not reached the projects service yet)`,
        'convenerOrganizationId',
      );
    const target = await this.access.target({ convenerOrganizationId: convener._id });
    await this.access.assertWrite(caller, { convenerOrganizationId: convener._id });
    if (!target.district)
      refuse('COUNCIL_INVALID', 'a council is convened by an organization of a district', 'convenerOrganizationId');
    // a council works inside its convener's region: a street's committee convenes for its street, not another
    if (convener.street && input.street && input.street !== convener.street)
      refuse('COUNCIL_INVALID', `${convener.name} is in street ${convener.street}, not ${input.street}`, 'street');
    if (convener.community && input.community && input.community !== convener.community)
      refuse(
        'COUNCIL_INVALID',
        `${convener.name} is in community ${convener.community}, not ${input.community}`,
        'community',
      );
    const councilId = input.councilId ?? randomUUID();
    const found = input.councilId ? await this.support.find(COUNCIL_DECIDER, councilId) : null;
    return this.result(
      await this.support.run(
        caller,
        COUNCIL_DECIDER,
        councilId,
        {
          kind: 'ConveneCouncil',
          councilId,
          name: input.name,
          councilKind: input.councilKind,
          level: input.level,
          convenerOrganizationId: convener._id,
          region: { district: target.district, street: input.street ?? null, community: input.community ?? null },
          convenedOn: input.convenedOn,
          today: this.support.today(),
        },
        found ? found.loaded : 'new',
        options,
        target.district,
      ),
    );
  }

  async joinMemberUnit(
    caller: Caller,
    councilId: string,
    input: Omit<Step<'JoinMemberUnit'>, 'organizationId'> & { organizationId?: string | null },
    options: CommandOptions,
  ): Promise<CouncilResult> {
    const council = await this.writable(caller, councilId);
    const unit = await this.directory.unit(input.unitId);
    if (!unit)
      refuse(
        'UNIT_NOT_FOUND',
        `no unit ${input.unitId} in the registry (or its registration has not reached the projects service yet)`,
        'unitId',
      );
    const covering = await this.directory.coveringOrganizations(unit._id);
    if (input.organizationId && !covering.includes(input.organizationId))
      refuse('UNIT_ORGANIZATION_INVALID', `${input.organizationId} does not cover unit ${unit._id}`, 'organizationId');
    const organizationId = input.organizationId ?? (covering.length === 1 ? covering[0]! : null);
    return this.decide(caller, council, { kind: 'JoinMemberUnit', ...input, organizationId }, options);
  }

  async changeRepresentative(
    caller: Caller,
    councilId: string,
    input: Step<'ChangeRepresentative'>,
    options: CommandOptions,
  ) {
    return this.decide(
      caller,
      await this.writable(caller, councilId),
      { kind: 'ChangeRepresentative', ...input },
      options,
    );
  }

  async leaveMemberUnit(caller: Caller, councilId: string, input: Step<'LeaveMemberUnit'>, options: CommandOptions) {
    return this.decide(caller, await this.writable(caller, councilId), { kind: 'LeaveMemberUnit', ...input }, options);
  }

  async fillCommitteeSeat(
    caller: Caller,
    councilId: string,
    input: {
      seatId?: string | null;
      title: SeatTitle;
      unitId: string;
      representativeMemberId: string;
      filledOn: string;
    },
    options: CommandOptions,
  ) {
    const council = await this.writable(caller, councilId);
    return this.decide(
      caller,
      council,
      { kind: 'FillCommitteeSeat', ...input, seatId: input.seatId ?? randomUUID() },
      options,
    );
  }

  async vacateCommitteeSeat(
    caller: Caller,
    councilId: string,
    input: Step<'VacateCommitteeSeat'>,
    options: CommandOptions,
  ) {
    return this.decide(
      caller,
      await this.writable(caller, councilId),
      { kind: 'VacateCommitteeSeat', ...input },
      options,
    );
  }

  async holdSession(
    caller: Caller,
    councilId: string,
    input: {
      sessionId?: string | null;
      heldOn: string;
      attendingUnitIds: readonly string[];
      resolutions: readonly Resolution[];
    },
    options: CommandOptions,
  ) {
    const council = await this.writable(caller, councilId);
    return this.decide(
      caller,
      council,
      { kind: 'HoldSession', ...input, sessionId: input.sessionId ?? randomUUID() },
      options,
    );
  }

  /** The council, when the caller may change it. */
  async writable(caller: Caller, councilId: string): Promise<Loaded<Council>> {
    const council = await this.support.load(COUNCIL_DECIDER, councilId, 'councilId');
    await this.access.assertWrite(caller, council.state);
    return council;
  }

  private async decide(
    caller: Caller,
    council: Loaded<Council>,
    command: Undated<CouncilCommand>,
    options: CommandOptions,
  ): Promise<CouncilResult> {
    return this.result(
      await this.support.runToday(
        caller,
        COUNCIL_DECIDER,
        council.id,
        command,
        council.loaded,
        options,
        council.state.region.district,
      ),
    );
  }

  private result(handled: { state: Council; version: number }): CouncilResult {
    return { council: handled.state, version: handled.version };
  }
}
