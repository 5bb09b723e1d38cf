import { type IsoDate } from '@lianjian/calendar';
import { type NeedCategory } from './model';

/** A need (需求), a wish (微心愿: a small need a unit may claim directly) or an idea (金点子: a suggestion). */
export const NEED_KINDS = ['Need', 'Wish', 'Idea'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

/** Who submitted it: a resident, an office worker (neither a platform user), or a unit (a member unit or other). */
export const SUBMITTER_KINDS = ['Resident', 'OfficeWorker', 'Unit'] as const;
export type SubmitterKind = (typeof SUBMITTER_KINDS)[number];

/** How it came in: the public form (no login) or entered by staff. */
export const NEED_CHANNELS = ['PublicForm', 'Staff'] as const;
export type NeedChannel = (typeof NEED_CHANNELS)[number];

export const NEED_STATUSES = ['Open', 'TakenUp', 'Claimed', 'Served', 'Declined'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** The events of a need's stream (`need-<needId>`). */
export type NeedEvent =
  | {
      type: 'NeedSubmitted';
      data: {
        needId: string;
        councilId: string;
        needKind: NeedKind;
        category: NeedCategory;
        title: string;
        description: string;
        place: string | null;
        submitterKind: SubmitterKind;
        /** The submitting unit: set when (and only when) submitterKind is Unit. */
        unitId: string | null;
        /** The submitter's contact, sealed by the application (ciphertext); null: none given or erased. */
        contact: string | null;
        channel: NeedChannel;
        submittedOn: IsoDate;
      };
    }
  /** A project was proposed from it (only while Open; one project per need). */
  | { type: 'NeedTakenUp'; data: { needId: string; projectId: string; takenUpOn: IsoDate } }
  /** A member unit claimed a wish directly, without a project (only wishes, only while Open). */
  | { type: 'WishClaimed'; data: { needId: string; unitId: string; claimedOn: IsoDate } }
  /** Served: after it was taken up (projectId) or claimed (projectId null). */
  | { type: 'NeedServed'; data: { needId: string; servedOn: IsoDate; projectId: string | null } }
  /** Declined by the council (only while Open), with the reason the submitter is told. */
  | { type: 'NeedDeclined'; data: { needId: string; reason: string; declinedOn: IsoDate } };
