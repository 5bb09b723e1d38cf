import { type IsoDate } from '@lianjian/calendar';
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
