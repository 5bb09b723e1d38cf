import { type IsoDate, addMonths } from '@lianjian/calendar';
import { refuse } from '../errors';
import { type MemberRules } from '../rules';
import { type Dated, after, notFuture } from '../member/guards';
import { type FlowInEnding, type FlowOutEnding, type MobilityEvent } from './mobility-events';
import {
  type MobileMemberFacts,
  type OrganizationFacts,
  assertOtherActiveOrganization,
  assertPartyMember,
  assertPeriod,
} from './mobile-member';

/**
 * A member's mobility (流动党员), one stream per member: the flow-out their branch registers (流出: where they went,
 * the host organization for activities, the period, a contact, the return), and the flow-in a host organization of
 * the city registers (流入: the member takes part in its activities while their relationship stays at their branch).
 * At most one of each is open at a time: a member already flowing out can't flow out again — two registrations racing
 * on the one stream meet the store's optimistic concurrency, and the second is decided again on the first's state.
 */
export interface FlowOut {
  readonly flowOutId: string;
  /** The member's branch when the flow-out was registered. */
  readonly organizationId: string;
  readonly destination: string;
  readonly hostOrganizationId: string | null;
  readonly hostName: string | null;
  readonly from: IsoDate;
  readonly until: IsoDate | null;
  /** Sealed to the member's key (the latest given); null: none. */
  readonly contact: string | null;
  /** The last day the branch heard from the member (the start of the flow-out until a contact is recorded). */
  readonly lastContactOn: IsoDate;
  readonly registeredOn: IsoDate;
  readonly endedOn: IsoDate | null;
  readonly ending: FlowOutEnding | null;
}

export interface FlowIn {
  readonly flowInId: string;
  /** The member's own branch. */
  readonly organizationId: string;
  readonly hostOrganizationId: string;
  readonly hostName: string;
  readonly from: IsoDate;
  readonly until: IsoDate | null;
  readonly contact: string | null;
  readonly flowOutId: string | null;
  readonly registeredOn: IsoDate;
  readonly endedOn: IsoDate | null;
  readonly ending: FlowInEnding | null;
}

export interface Mobility {
  readonly memberId: string;
  /** The open flow-out (null: not flowing out). */
  readonly flowOut: FlowOut | null;
  /** The open flow-in (null: not flowing in anywhere). */
  readonly flowIn: FlowIn | null;
  /** Ended flow-outs and flow-ins, oldest first. */
  readonly pastFlowOuts: readonly FlowOut[];
  readonly pastFlowIns: readonly FlowIn[];
}

export type MobilityState = Mobility | null;

export type MobilityCommand = (
  | {
      kind: 'RegisterFlowOut';
      flowOutId: string;
      member: MobileMemberFacts;
      destination: string;
      /** The host organization of the city (from the directory), or null. */
      host: OrganizationFacts | null;
      /** The host's name when it is outside the city (null: none, or a host of the city). */
      outsideHostName: string | null;
      from: IsoDate;
      until: IsoDate | null;
      /** Sealed by the application to the member's key (null: none given). */
      contact: string | null;
    }
  | { kind: 'RecordFlowOutContact'; on: IsoDate; contact: string | null }
  | { kind: 'EndFlowOut'; endedOn: IsoDate; ending: FlowOutEnding }
  | {
      kind: 'RegisterFlowIn';
      flowInId: string;
      member: MobileMemberFacts;
      host: OrganizationFacts;
      from: IsoDate;
      until: IsoDate | null;
      contact: string | null;
    }
  | { kind: 'EndFlowIn'; endedOn: IsoDate; ending: FlowInEnding }
) &
  Dated;

/** Decides a command on a member's mobility. */
export function decideMobility(command: MobilityCommand, state: MobilityState): MobilityEvent[] {
  const { today } = command;
  switch (command.kind) {
    case 'RegisterFlowOut': {
      const { member } = command;
      assertPartyMember(member);
      if (state?.flowOut)
        refuse(
          'ALREADY_FLOWING_OUT',
          `the member is flowing out already (to ${state.flowOut.destination} since ${state.flowOut.from}): end that flow-out first`,
          'memberId',
        );
      const destination = command.destination.trim();
      if (!destination)
        refuse('FLOW_OUT_DESTINATION_REQUIRED', 'a flow-out names where the member goes', 'destination');
      if (command.host)
        assertOtherActiveOrganization(command.host, member, 'MOBILITY_HOST_INVALID', 'hostOrganizationId');
      notFuture(command.from, today, 'from');
      assertPeriod(command.from, command.until);
      return [
        {
          type: 'MemberFlowedOut',
          data: {
            memberId: member.memberId,
            organizationId: member.organizationId,
            flowOutId: command.flowOutId,
            destination,
            hostOrganizationId: command.host?.organizationId ?? null,
            hostName: command.host?.name ?? (command.outsideHostName?.trim() || null),
            from: command.from,
            until: command.until,
            contact: command.contact,
            registeredOn: today,
          },
        },
      ];
    }
    case 'RecordFlowOutContact': {
      const open = openFlowOut(state);
      after(command.on, open.lastContactOn, 'on', 'the last contact');
      notFuture(command.on, today, 'on');
      if (command.on === open.lastContactOn && command.contact === null)
        refuse('NOTHING_CHANGES', `contact on ${command.on} is recorded already`, 'on');
      return [
        {
          type: 'FlowOutContactRecorded',
          data: {
            memberId: state!.memberId,
            organizationId: open.organizationId,
            flowOutId: open.flowOutId,
            on: command.on,
            contact: command.contact,
          },
        },
      ];
    }
    case 'EndFlowOut': {
      const open = openFlowOut(state);
      after(command.endedOn, open.from, 'endedOn', 'the start of the flow-out');
      notFuture(command.endedOn, today, 'endedOn');
      return [
        {
          type: 'FlowOutEnded',
          data: {
            memberId: state!.memberId,
            organizationId: open.organizationId,
            flowOutId: open.flowOutId,
            endedOn: command.endedOn,
            ending: command.ending,
          },
        },
      ];
    }
    case 'RegisterFlowIn': {
      const { member, host } = command;
      assertPartyMember(member);
      if (state?.flowIn)
        refuse(
          'ALREADY_FLOWING_IN',
          `the member takes part in ${state.flowIn.hostName}'s activities already (since ${state.flowIn.from}): that flow-in ends first`,
          'memberId',
        );
      assertOtherActiveOrganization(host, member, 'MOBILITY_HOST_INVALID', 'hostOrganizationId');
      notFuture(command.from, today, 'from');
      assertPeriod(command.from, command.until);
      return [
        {
          type: 'MemberFlowedIn',
          data: {
            memberId: member.memberId,
            organizationId: member.organizationId,
            flowInId: command.flowInId,
            hostOrganizationId: host.organizationId,
            hostName: host.name,
            from: command.from,
            until: command.until,
            contact: command.contact,
            flowOutId: state?.flowOut?.flowOutId ?? null,
            registeredOn: today,
          },
        },
      ];
    }
    case 'EndFlowIn': {
      const open = state?.flowIn;
      if (!open) return refuse('NOT_FLOWING_IN', 'the member has no open flow-in', 'memberId');
      after(command.endedOn, open.from, 'endedOn', 'the start of the flow-in');
      notFuture(command.endedOn, today, 'endedOn');
      return [
        {
          type: 'FlowInEnded',
          data: {
            memberId: state.memberId,
            organizationId: open.organizationId,
            flowInId: open.flowInId,
            hostOrganizationId: open.hostOrganizationId,
            endedOn: command.endedOn,
            ending: command.ending,
          },
        },
      ];
    }
  }
}

function openFlowOut(state: MobilityState): FlowOut {
  if (!state?.flowOut) return refuse('NOT_FLOWING_OUT', 'the member has no open flow-out', 'memberId');
  return state.flowOut;
}

/** Folds a member's mobility events into their mobility. */
export function evolveMobility(state: MobilityState, event: MobilityEvent): MobilityState {
  const current: Mobility = state ?? {
    memberId: event.data.memberId,
    flowOut: null,
    flowIn: null,
    pastFlowOuts: [],
    pastFlowIns: [],
  };
  switch (event.type) {
    case 'MemberFlowedOut': {
      const d = event.data;
      return {
        ...current,
        flowOut: {
          flowOutId: d.flowOutId,
          organizationId: d.organizationId,
          destination: d.destination,
          hostOrganizationId: d.hostOrganizationId,
          hostName: d.hostName,
          from: d.from,
          until: d.until,
          contact: d.contact,
          lastContactOn: d.from,
          registeredOn: d.registeredOn,
          endedOn: null,
          ending: null,
        },
      };
    }
    case 'FlowOutContactRecorded': {
      if (!current.flowOut) return current;
      const d = event.data;
      return {
        ...current,
        flowOut: {
          ...current.flowOut,
          lastContactOn: d.on > current.flowOut.lastContactOn ? d.on : current.flowOut.lastContactOn,
          contact: d.contact ?? current.flowOut.contact,
        },
      };
    }
    case 'FlowOutEnded': {
      if (!current.flowOut) return current;
      const ended = { ...current.flowOut, endedOn: event.data.endedOn, ending: event.data.ending };
      return { ...current, flowOut: null, pastFlowOuts: [...current.pastFlowOuts, ended] };
    }
    case 'MemberFlowedIn': {
      const d = event.data;
      return {
        ...current,
        flowIn: {
          flowInId: d.flowInId,
          organizationId: d.organizationId,
          hostOrganizationId: d.hostOrganizationId,
          hostName: d.hostName,
          from: d.from,
          until: d.until,
          contact: d.contact,
          flowOutId: d.flowOutId,
          registeredOn: d.registeredOn,
          endedOn: null,
          ending: null,
        },
      };
    }
    case 'FlowInEnded': {
      if (!current.flowIn) return current;
      const ended = { ...current.flowIn, endedOn: event.data.endedOn, ending: event.data.ending };
      return { ...current, flowIn: null, pastFlowIns: [...current.pastFlowIns, ended] };
    }
  }
}

/**
 * The day a flow-out makes the member a transfer candidate: a stay elsewhere of `flowOutTransferMonths` or more should
 * move the relationship (组织关系转接) instead of mobile registration. Null when the rule is off.
 */
export function transferDueOn(flowOut: Pick<FlowOut, 'from'>, rules: MemberRules): IsoDate | null {
  return rules.flowOutTransferMonths > 0 ? addMonths(flowOut.from, rules.flowOutTransferMonths) : null;
}

/** An open flow-out that has lasted the transfer threshold: listed as a transfer candidate (a finding, not a block). */
export function isTransferCandidate(flowOut: FlowOut, today: IsoDate, rules: MemberRules): boolean {
  const due = transferDueOn(flowOut, rules);
  return flowOut.endedOn === null && due !== null && due <= today;
}

/** The day an open flow-out without news becomes markable as lost contact (null when the rule is off). */
export function noContactDueOn(flowOut: Pick<FlowOut, 'lastContactOn'>, rules: MemberRules): IsoDate | null {
  return rules.flowOutNoContactMonths > 0 ? addMonths(flowOut.lastContactOn, rules.flowOutNoContactMonths) : null;
}

/** An open flow-out the branch has not heard from for `flowOutNoContactMonths`. */
export function isWithoutContact(flowOut: FlowOut, today: IsoDate, rules: MemberRules): boolean {
  const due = noContactDueOn(flowOut, rules);
  return flowOut.endedOn === null && due !== null && due <= today;
}

/**
 * Lost contact marked from a flow-out (失联): the member is flowing out and the branch has not heard from them for
 * `flowOutNoContactMonths`. Returns the day contact was lost — the last contact — for the member stream's
 * `RecordLostContact`, which stays the one record of lost contact (the suspension rule and the restoration read it).
 */
export function lostContactFromFlowOut(state: MobilityState, today: IsoDate, rules: MemberRules): IsoDate {
  const open = openFlowOut(state);
  if (!isWithoutContact(open, today, rules)) {
    const due = noContactDueOn(open, rules);
    refuse(
      'FLOW_OUT_CONTACT_RECENT',
      due
        ? `the branch heard from the member on ${open.lastContactOn}: lost contact can be marked from ${due}`
        : 'lost contact is not marked from flow-outs in this district (flowOutNoContactMonths is 0)',
      'memberId',
    );
  }
  return open.lastContactOn;
}
