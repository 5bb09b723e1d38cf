import { type IsoDate } from '@lianjian/calendar';
import { refuse } from '../errors';
import { type LapseDecision, type MemberEvent } from './member-events';
import { type Dated, after, idsOf, notFuture } from './guards';
import { type Member } from './state';

// Lost contact and lapse (自行脱党): recording lost and restored contact, and the approved decision on a lapse
// candidate (found by `lapseReasons` in ../lapse.ts), which removes the member or keeps them.

export type LapseCommand =
  | ({ kind: 'RecordLostContact'; since: IsoDate } & Dated)
  | ({ kind: 'RecordContactRestored'; on: IsoDate } & Dated)
  | ({
      kind: 'RecordLapseDecision';
      decision: LapseDecision;
      reasons: readonly string[];
      branchDecidedOn: IsoDate;
      approvedOn: IsoDate;
      approverOrganizationId: string;
      /** The removal's status reason, sealed by the application with the member's key (null: no key). */
      statusReason: string | null;
    } & Dated);

/** Decides a lost-contact or lapse command on a member whose membership has not ended. */
export function decideLapse(command: LapseCommand, m: Member): MemberEvent[] {
  const ids = idsOf(m);
  switch (command.kind) {
    case 'RecordLostContact': {
      if (m.lostContactSince) refuse('NOTHING_CHANGES', `contact was already lost on ${m.lostContactSince}`, 'since');
      return [{ type: 'ContactLost', data: { ...ids, since: notFuture(command.since, command.today, 'since') } }];
    }
    case 'RecordContactRestored': {
      if (!m.lostContactSince) refuse('NOTHING_CHANGES', 'no lost contact is recorded', 'on');
      after(command.on, m.lostContactSince, 'on', 'the lost contact');
      return [{ type: 'ContactRestored', data: { ...ids, on: notFuture(command.on, command.today, 'on') } }];
    }
    case 'RecordLapseDecision': {
      if (command.decision === 'Remove' && command.reasons.length === 0) {
        refuse(
          'NOT_A_LAPSE_CANDIDATE',
          'the member meets none of the lapse rules (organizational life, dues) today',
          'decision',
        );
      }
      after(command.approvedOn, command.branchDecidedOn, 'approvedOn', "the branch's decision");
      notFuture(command.approvedOn, command.today, 'approvedOn');
      const events: MemberEvent[] = [
        {
          type: 'LapseDecisionRecorded',
          data: {
            ...ids,
            decision: command.decision,
            reasons: [...command.reasons],
            branchDecidedOn: command.branchDecidedOn,
            approvedOn: command.approvedOn,
            approverOrganizationId: command.approverOrganizationId,
          },
        },
      ];
      if (command.decision === 'Remove') {
        events.push({
          type: 'MembershipStatusChanged',
          data: {
            ...ids,
            status: 'Withdrawn',
            previousStatus: m.status,
            on: command.approvedOn,
            reason: command.statusReason,
          },
        });
      }
      return events;
    }
  }
}
