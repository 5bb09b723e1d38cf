import { type IsoDate, addYears, monthOf, monthsBetween } from '@lianjian/calendar';
import { refuse } from '../errors';
import { type MembershipStatus } from '../model';
import { type MemberEvent } from './member-events';
import { type Dated, after, idsOf, notFuture } from './guards';
import { type Member } from './state';

// The membership status (党籍): retained, suspended after lost contact, restored within the window, or ended for good.

export type StatusCommand = {
  kind: 'ChangeMembershipStatus';
  status: MembershipStatus;
  on: IsoDate;
  /** Sealed by the application with the member's key (null: no key, erased). */
  reason: string | null;
} & Dated;

const STATUS_TRANSITIONS: Readonly<Record<MembershipStatus, readonly MembershipStatus[]>> = {
  Normal: ['Retained', 'Suspended', 'Expelled', 'Withdrawn', 'Deceased', 'TransferredOut'],
  Restored: ['Retained', 'Suspended', 'Expelled', 'Withdrawn', 'Deceased', 'TransferredOut'],
  Retained: ['Restored', 'Expelled', 'Withdrawn', 'Deceased'],
  Suspended: ['Restored', 'Expelled', 'Withdrawn', 'Deceased'],
  Expelled: [],
  Withdrawn: [],
  Deceased: [],
  TransferredOut: [],
};

/** Decides a change of the membership status of a member whose membership has not ended. */
export function decideStatus(command: StatusCommand, m: Member): MemberEvent[] {
  const ids = idsOf(m);
  switch (command.kind) {
    case 'ChangeMembershipStatus': {
      const { status, on, rules } = command;
      if (status === m.status) refuse('NOTHING_CHANGES', `the membership is already ${status}`, 'status');
      if (!STATUS_TRANSITIONS[m.status].includes(status))
        refuse('STATUS_TRANSITION_NOT_ALLOWED', `a ${m.status} membership can't become ${status}`, 'status');
      notFuture(on, command.today, 'on');
      const since = m.statusHistory[m.statusHistory.length - 1]!.since;
      after(on, since, 'on', `the current status (${m.status})`);
      if (status === 'Suspended') {
        if (!m.lostContactSince)
          refuse(
            'LOST_CONTACT_TOO_SHORT',
            'a membership is suspended (停止党籍) only after lost contact is recorded',
            'status',
          );
        if (monthsBetween(monthOf(m.lostContactSince), monthOf(on)) < rules.lostContactMonths) {
          refuse(
            'LOST_CONTACT_TOO_SHORT',
            `contact was lost on ${m.lostContactSince}; suspension needs ${rules.lostContactMonths} months`,
            'on',
          );
        }
      }
      if (status === 'Restored' && m.status === 'Suspended' && on > addYears(since, rules.restorationYears)) {
        refuse(
          'RESTORATION_WINDOW_PASSED',
          `a membership suspended on ${since} can be restored until ${addYears(since, rules.restorationYears)}`,
          'on',
        );
      }
      return [
        {
          type: 'MembershipStatusChanged',
          data: { ...ids, status, previousStatus: m.status, on, reason: command.reason },
        },
      ];
    }
  }
}
