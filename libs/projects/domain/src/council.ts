import { type IsoDate } from '@lianjian/calendar';
import { type Dated, latest, notBefore, notFuture, optional, required } from './dates';
import { refuse } from './errors';
import { type Region } from './model';

/** 联席会议 / 党建促进会 / 街道大工委: the kinds of joint council (JointCouncil). */
export const COUNCIL_KINDS = ['JointConference', 'PromotionAssociation', 'StreetWorkingCommittee'] as const;
export type CouncilKind = (typeof COUNCIL_KINDS)[number];

/** The administrative level a council works at. */
export const COUNCIL_LEVELS = ['District', 'Street', 'Community'] as const;
export type CouncilLevel = (typeof COUNCIL_LEVELS)[number];

/** A part-time committee seat's title (兼职委员: 主任 / 副主任 / 委员). */
export const SEAT_TITLES = ['Chair', 'DeputyChair', 'Member'] as const;
export type SeatTitle = (typeof SEAT_TITLES)[number];

/** A session's resolution (议定事项), numbered 1..n within its session. */
export interface Resolution {
  readonly number: number;
  readonly subject: string;
}

/** The events of a joint council's stream (`council-<councilId>`). */
export type CouncilEvent =
  | {
      type: 'CouncilConvened';
      data: {
        councilId: string;
        name: string;
        councilKind: CouncilKind;
        level: CouncilLevel;
        /** The party organization that convenes it: the council belongs to that organization's subtree. */
        convenerOrganizationId: string;
        region: Region;
        convenedOn: IsoDate;
      };
    }
  | {
      type: 'MemberUnitJoined';
      data: {
        councilId: string;
        unitId: string;
        /** The unit's party organization, if it has one. */
        organizationId: string | null;
        representativeMemberId: string | null;
        joinedOn: IsoDate;
      };
    }
  | {
      type: 'MemberUnitRepresentativeChanged';
      data: { councilId: string; unitId: string; representativeMemberId: string | null; changedOn: IsoDate };
    }
  | { type: 'MemberUnitLeft'; data: { councilId: string; unitId: string; leftOn: IsoDate } }
  | {
      type: 'CommitteeSeatFilled';
      data: {
        councilId: string;
        seatId: string;
        title: SeatTitle;
        unitId: string;
        representativeMemberId: string;
        filledOn: IsoDate;
      };
    }
  | { type: 'CommitteeSeatVacated'; data: { councilId: string; seatId: string; vacatedOn: IsoDate } }
  | {
      type: 'CouncilSessionHeld';
      data: {
        councilId: string;
        sessionId: string;
        heldOn: IsoDate;
        attendingUnitIds: string[];
        resolutions: Resolution[];
      };
    };

/** A unit's membership of the council, from joining to leaving (a unit that rejoins has a membership per period). */
export interface Membership {
  readonly unitId: string;
  readonly organizationId: string | null;
  readonly representativeMemberId: string | null;
  /** Since when the representative is the unit's (its joining day, or the last change). */
  readonly representativeSince: IsoDate;
  readonly joinedOn: IsoDate;
  /** null while a member. */
  readonly leftOn: IsoDate | null;
}

/** One holder's tenure of a committee seat (a seat filled again has a tenure per holder). */
export interface SeatTenure {
  readonly seatId: string;
  readonly title: SeatTitle;
  readonly unitId: string;
  readonly representativeMemberId: string;
  readonly filledOn: IsoDate;
  /** null while held. */
  readonly vacatedOn: IsoDate | null;
}

export interface CouncilSession {
  readonly sessionId: string;
  readonly heldOn: IsoDate;
  readonly attendingUnitIds: readonly string[];
  readonly resolutions: readonly Resolution[];
}

/**
 * A joint council (联席会议 / 党建促进会 / 街道大工委), one stream per council: convened by a party organization in its
 * region; member units join (with their party organization and representative) and leave, history kept; part-time
 * committee seats (兼职委员) are held by the representatives of current member units; sessions record who attended
 * and what was resolved — a project is resolved by naming one of a session's resolutions.
 */
export interface Council {
  readonly councilId: string;
  readonly name: string;
  readonly councilKind: CouncilKind;
  readonly level: CouncilLevel;
  readonly convenerOrganizationId: string;
  readonly region: Region;
  readonly convenedOn: IsoDate;
  /** Every membership, current and former, in the order they began. */
  readonly memberships: readonly Membership[];
  /** Every seat tenure, current and former, in the order they began. */
  readonly seats: readonly SeatTenure[];
  readonly sessions: readonly CouncilSession[];
}

export type CouncilState = Council | null;

export type CouncilCommand = (
  | {
      kind: 'ConveneCouncil';
      councilId: string;
      name: string;
      councilKind: CouncilKind;
      level: CouncilLevel;
      convenerOrganizationId: string;
      region: Region;
      convenedOn: IsoDate;
    }
  | {
      kind: 'JoinMemberUnit';
      unitId: string;
      organizationId: string | null;
      representativeMemberId: string | null;
      joinedOn: IsoDate;
    }
  | { kind: 'ChangeRepresentative'; unitId: string; representativeMemberId: string | null; changedOn: IsoDate }
  | { kind: 'LeaveMemberUnit'; unitId: string; leftOn: IsoDate }
  | {
      kind: 'FillCommitteeSeat';
      seatId: string;
      title: SeatTitle;
      unitId: string;
      representativeMemberId: string;
      filledOn: IsoDate;
    }
  | { kind: 'VacateCommitteeSeat'; seatId: string; vacatedOn: IsoDate }
  | {
      kind: 'HoldSession';
      sessionId: string;
      heldOn: IsoDate;
      attendingUnitIds: readonly string[];
      resolutions: readonly Resolution[];
    }
) &
  Dated;

/** The unit's current membership, if it is a member now. */
export const currentMembership = (council: Council, unitId: string): Membership | null =>
  council.memberships.find((m) => m.unitId === unitId && m.leftOn === null) ?? null;

/** The ids of the council's current member units (what ClaimProject, ClaimWish, OfferResource and votes check). */
export const councilMemberUnitIds = (council: Council): string[] =>
  council.memberships.filter((m) => m.leftOn === null).map((m) => m.unitId);

/** Whether the unit was a member on that day (joined on or before it, not left before it). */
export const wasMemberOn = (council: Council, unitId: string, date: IsoDate): boolean =>
  council.memberships.some((m) => m.unitId === unitId && m.joinedOn <= date && (m.leftOn === null || m.leftOn >= date));

/** The seats held now. */
export const currentSeats = (council: Council): SeatTenure[] => council.seats.filter((s) => s.vacatedOn === null);

/** A held session's resolution, or null when the council held no such session or the session no such resolution. */
export function councilResolution(state: CouncilState, sessionId: string, number: number): Resolution | null {
  const session = state?.sessions.find((s) => s.sessionId === sessionId);
  return session?.resolutions.find((r) => r.number === number) ?? null;
}

/**
 * The check the application makes before a project's ResolveProject: the project's council held that session, the
 * session passed that resolution, and the project is not resolved before the session was held.
 */
export function assertProjectResolution(
  state: CouncilState,
  resolve: { councilId: string; sessionId: string; resolution: number; resolvedOn: IsoDate },
): Resolution {
  if (!state || state.councilId !== resolve.councilId)
    refuse('COUNCIL_NOT_FOUND', `no council ${resolve.councilId}`, 'councilId');
  const session = state.sessions.find((s) => s.sessionId === resolve.sessionId);
  if (!session) return refuse('SESSION_NOT_FOUND', `the council held no session ${resolve.sessionId}`, 'sessionId');
  const resolution = session.resolutions.find((r) => r.number === resolve.resolution);
  if (!resolution)
    return refuse(
      'RESOLUTION_NOT_FOUND',
      `session ${resolve.sessionId} passed no resolution ${resolve.resolution}`,
      'resolution',
    );
  notBefore(resolve.resolvedOn, session.heldOn, 'resolvedOn', 'the session');
  return resolution;
}

function assertRegion(level: CouncilLevel, region: Region): Region {
  const district = region.district.trim();
  const street = region.street?.trim() || null;
  const community = region.community?.trim() || null;
  const fits =
    district !== '' &&
    (level === 'District'
      ? street === null && community === null
      : level === 'Street'
        ? street !== null && community === null
        : street !== null && community !== null);
  if (!fits)
    refuse(
      'COUNCIL_INVALID',
      `a ${level} council's region names its district${level === 'District' ? '' : level === 'Street' ? ' and street' : ', street and community'} and nothing below`,
      'region',
    );
  return { district, street, community };
}

export function decideCouncil(command: CouncilCommand, state: CouncilState): CouncilEvent[] {
  const { today } = command;
  if (command.kind === 'ConveneCouncil') {
    if (state) refuse('COUNCIL_ALREADY_EXISTS', `council ${command.councilId} exists`, 'councilId');
    if (!COUNCIL_KINDS.includes(command.councilKind))
      refuse('COUNCIL_INVALID', `no council kind ${command.councilKind}`, 'councilKind');
    if (!COUNCIL_LEVELS.includes(command.level)) refuse('COUNCIL_INVALID', `no level ${command.level}`, 'level');
    return [
      {
        type: 'CouncilConvened',
        data: {
          councilId: command.councilId,
          name: required(command.name, 'COUNCIL_INVALID', 'name'),
          councilKind: command.councilKind,
          level: command.level,
          convenerOrganizationId: required(command.convenerOrganizationId, 'COUNCIL_INVALID', 'convenerOrganizationId'),
          region: assertRegion(command.level, command.region),
          convenedOn: notFuture(command.convenedOn, today, 'convenedOn'),
        },
      },
    ];
  }
  if (!state) return refuse('COUNCIL_NOT_FOUND', 'no such council', 'councilId');
  const council = state;
  const { councilId } = council;
  const member = (unitId: string): Membership =>
    currentMembership(council, unitId) ?? refuse('UNIT_NOT_MEMBER', `unit ${unitId} is not a member unit`, 'unitId');
  /** The unit's seats held now: vacated first, on the day given, when the holder stops representing it. */
  const vacateSeatsOf = (unitId: string, representativeMemberId: string | null, on: IsoDate, field: string) =>
    currentSeats(council)
      .filter(
        (s) =>
          s.unitId === unitId &&
          (representativeMemberId === null || s.representativeMemberId === representativeMemberId),
      )
      .map((s): CouncilEvent => {
        notBefore(on, s.filledOn, field, `seat ${s.seatId} was filled`);
        return { type: 'CommitteeSeatVacated', data: { councilId, seatId: s.seatId, vacatedOn: on } };
      });

  switch (command.kind) {
    case 'JoinMemberUnit': {
      if (currentMembership(council, command.unitId))
        refuse('UNIT_ALREADY_MEMBER', `unit ${command.unitId} is a member unit already`, 'unitId');
      const lastLeft = latest(...council.memberships.filter((m) => m.unitId === command.unitId).map((m) => m.leftOn));
      const joinedOn = notFuture(command.joinedOn, today, 'joinedOn');
      notBefore(joinedOn, council.convenedOn, 'joinedOn', 'the council was convened');
      notBefore(joinedOn, lastLeft, 'joinedOn', 'the unit last left');
      return [
        {
          type: 'MemberUnitJoined',
          data: {
            councilId,
            unitId: command.unitId,
            organizationId: optional(command.organizationId),
            representativeMemberId: optional(command.representativeMemberId),
            joinedOn,
          },
        },
      ];
    }
    case 'ChangeRepresentative': {
      const m = member(command.unitId);
      const representativeMemberId = optional(command.representativeMemberId);
      if (representativeMemberId === m.representativeMemberId) return []; // the same representative (a retry)
      const changedOn = notFuture(command.changedOn, today, 'changedOn');
      notBefore(changedOn, m.representativeSince, 'changedOn', 'the representative took over');
      return [
        ...(m.representativeMemberId === null
          ? []
          : vacateSeatsOf(m.unitId, m.representativeMemberId, changedOn, 'changedOn')),
        {
          type: 'MemberUnitRepresentativeChanged',
          data: { councilId, unitId: m.unitId, representativeMemberId, changedOn },
        },
      ];
    }
    case 'LeaveMemberUnit': {
      const m = member(command.unitId);
      const leftOn = notFuture(command.leftOn, today, 'leftOn');
      notBefore(leftOn, m.representativeSince, 'leftOn', 'the unit joined or last changed its representative');
      return [
        ...vacateSeatsOf(m.unitId, null, leftOn, 'leftOn'),
        { type: 'MemberUnitLeft', data: { councilId, unitId: m.unitId, leftOn } },
      ];
    }
    case 'FillCommitteeSeat': {
      const held = currentSeats(council).find((s) => s.seatId === command.seatId);
      if (held) refuse('SEAT_TAKEN', `seat ${command.seatId} is held by ${held.representativeMemberId}`, 'seatId');
      if (!SEAT_TITLES.includes(command.title)) refuse('COUNCIL_INVALID', `no seat title ${command.title}`, 'title');
      const m = member(command.unitId);
      if (m.representativeMemberId === null || m.representativeMemberId !== command.representativeMemberId)
        refuse(
          'REPRESENTATIVE_NOT_OF_UNIT',
          `a seat is held by its unit's representative (unit ${m.unitId}'s is ${m.representativeMemberId ?? 'nobody'})`,
          'representativeMemberId',
        );
      const other = currentSeats(council).find((s) => s.representativeMemberId === command.representativeMemberId);
      if (other)
        refuse(
          'REPRESENTATIVE_HOLDS_SEAT',
          `${command.representativeMemberId} holds seat ${other.seatId} already: one seat each`,
          'representativeMemberId',
        );
      const filledOn = notFuture(command.filledOn, today, 'filledOn');
      notBefore(filledOn, m.representativeSince, 'filledOn', 'the representative took over');
      const lastVacated = latest(...council.seats.filter((s) => s.seatId === command.seatId).map((s) => s.vacatedOn));
      notBefore(filledOn, lastVacated, 'filledOn', 'the seat was last vacated');
      return [
        {
          type: 'CommitteeSeatFilled',
          data: {
            councilId,
            seatId: command.seatId,
            title: command.title,
            unitId: m.unitId,
            representativeMemberId: command.representativeMemberId,
            filledOn,
          },
        },
      ];
    }
    case 'VacateCommitteeSeat': {
      const held = currentSeats(council).find((s) => s.seatId === command.seatId);
      if (!held) return refuse('SEAT_NOT_FILLED', `seat ${command.seatId} is not held`, 'seatId');
      const vacatedOn = notFuture(command.vacatedOn, today, 'vacatedOn');
      notBefore(vacatedOn, held.filledOn, 'vacatedOn', 'the seat was filled');
      return [{ type: 'CommitteeSeatVacated', data: { councilId, seatId: held.seatId, vacatedOn } }];
    }
    case 'HoldSession': {
      if (council.sessions.some((s) => s.sessionId === command.sessionId))
        refuse('SESSION_ALREADY_HELD', `session ${command.sessionId} is recorded already`, 'sessionId');
      const heldOn = notFuture(command.heldOn, today, 'heldOn');
      notBefore(heldOn, council.convenedOn, 'heldOn', 'the council was convened');
      const attendingUnitIds = [...new Set(command.attendingUnitIds)];
      if (attendingUnitIds.length === 0)
        refuse('SESSION_ATTENDEES_REQUIRED', 'a session is attended by member units', 'attendingUnitIds');
      const outsiders = attendingUnitIds.filter((unitId) => !wasMemberOn(council, unitId, heldOn));
      if (outsiders.length > 0)
        refuse(
          'SESSION_ATTENDEE_NOT_MEMBER',
          `not member units on ${heldOn}: ${outsiders.join(', ')}`,
          'attendingUnitIds',
        );
      const resolutions = [...command.resolutions]
        .map((r) => ({ number: r.number, subject: r.subject.trim() }))
        .sort((a, b) => a.number - b.number);
      if (resolutions.some((r, i) => r.number !== i + 1 || r.subject === ''))
        refuse(
          'RESOLUTIONS_INVALID',
          'resolutions are numbered 1 to n, once each, each with its subject',
          'resolutions',
        );
      return [
        {
          type: 'CouncilSessionHeld',
          data: { councilId, sessionId: command.sessionId, heldOn, attendingUnitIds, resolutions },
        },
      ];
    }
  }
}

export function evolveCouncil(state: CouncilState, event: CouncilEvent): CouncilState {
  if (event.type === 'CouncilConvened') {
    const d = event.data;
    return {
      councilId: d.councilId,
      name: d.name,
      councilKind: d.councilKind,
      level: d.level,
      convenerOrganizationId: d.convenerOrganizationId,
      region: d.region,
      convenedOn: d.convenedOn,
      memberships: [],
      seats: [],
      sessions: [],
    };
  }
  if (!state) return state;
  const current = (unitId: string) => (m: Membership) => m.unitId === unitId && m.leftOn === null;
  switch (event.type) {
    case 'MemberUnitJoined': {
      const d = event.data;
      return {
        ...state,
        memberships: [
          ...state.memberships,
          {
            unitId: d.unitId,
            organizationId: d.organizationId,
            representativeMemberId: d.representativeMemberId,
            representativeSince: d.joinedOn,
            joinedOn: d.joinedOn,
            leftOn: null,
          },
        ],
      };
    }
    case 'MemberUnitRepresentativeChanged': {
      const d = event.data;
      return {
        ...state,
        memberships: state.memberships.map((m) =>
          current(d.unitId)(m)
            ? { ...m, representativeMemberId: d.representativeMemberId, representativeSince: d.changedOn }
            : m,
        ),
      };
    }
    case 'MemberUnitLeft': {
      const d = event.data;
      return {
        ...state,
        memberships: state.memberships.map((m) => (current(d.unitId)(m) ? { ...m, leftOn: d.leftOn } : m)),
      };
    }
    case 'CommitteeSeatFilled': {
      const d = event.data;
      return {
        ...state,
        seats: [
          ...state.seats,
          {
            seatId: d.seatId,
            title: d.title,
            unitId: d.unitId,
            representativeMemberId: d.representativeMemberId,
            filledOn: d.filledOn,
            vacatedOn: null,
          },
        ],
      };
    }
    case 'CommitteeSeatVacated': {
      const d = event.data;
      return {
        ...state,
        seats: state.seats.map((s) =>
          s.seatId === d.seatId && s.vacatedOn === null ? { ...s, vacatedOn: d.vacatedOn } : s,
        ),
      };
    }
    case 'CouncilSessionHeld': {
      const d = event.data;
      return {
        ...state,
        sessions: [
          ...state.sessions,
          {
            sessionId: d.sessionId,
            heldOn: d.heldOn,
            attendingUnitIds: d.attendingUnitIds,
            resolutions: d.resolutions,
          },
        ],
      };
    }
  }
}
