import { type IsoDate } from '@lianjian/calendar';
import { type Dated, notBefore, notFuture, optional, required } from './dates';
import { screenComment } from './comment-screening';
import { refuse } from './errors';
import { NEED_CATEGORIES, type NeedCategory } from './model';

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
  /**
   * Released by the project that took it up, back to Open: the proposal that took it up was refused before the project
   * was appended (another need of it was taken up by another project meanwhile).
   */
  | { type: 'NeedReleased'; data: { needId: string; projectId: string; releasedOn: IsoDate } }
  /** A member unit claimed a wish directly, without a project (only wishes, only while Open). */
  | { type: 'WishClaimed'; data: { needId: string; unitId: string; claimedOn: IsoDate } }
  /** Served: after it was taken up (projectId) or claimed (projectId null). */
  | { type: 'NeedServed'; data: { needId: string; servedOn: IsoDate; projectId: string | null } }
  /** Declined by the council (only while Open), with the reason the submitter is told. */
  | { type: 'NeedDeclined'; data: { needId: string; reason: string; declinedOn: IsoDate } };

/** The longest title and description a need may have (the public form takes them from anyone). */
export const NEED_TITLE_MAX = 100;
export const NEED_DESCRIPTION_MAX = 2000;

/**
 * A need, wish or idea (需求清单, 微心愿, 金点子), one stream per need: submitted through the public form or by staff, then
 * taken up by a project (one), or — a wish — claimed directly by a member unit; served after either; or declined while
 * open. The submitter is told the outcome (`needOutcome`).
 */
export interface Need {
  readonly needId: string;
  readonly councilId: string;
  readonly needKind: NeedKind;
  readonly category: NeedCategory;
  readonly title: string;
  readonly description: string;
  readonly place: string | null;
  readonly submitterKind: SubmitterKind;
  readonly unitId: string | null;
  /** Sealed by the application; the domain never reads it. */
  readonly contact: string | null;
  readonly channel: NeedChannel;
  readonly submittedOn: IsoDate;
  readonly status: NeedStatus;
  /** The project that took it up. */
  readonly projectId: string | null;
  /** The member unit that claimed the wish. */
  readonly claimedByUnitId: string | null;
  readonly declineReason: string | null;
  /** The day of the last step (its submission, taking up, claim, service or declining). */
  readonly lastStepOn: IsoDate;
}

export type NeedState = Need | null;

export type NeedCommand = (
  | {
      kind: 'SubmitNeed';
      needId: string;
      councilId: string;
      needKind: NeedKind;
      category: NeedCategory;
      title: string;
      description: string;
      place: string | null;
      submitterKind: SubmitterKind;
      unitId: string | null;
      /** Already sealed by the application (ciphertext), or null. */
      contact: string | null;
      channel: NeedChannel;
      submittedOn: IsoDate;
    }
  | { kind: 'TakeUpNeed'; projectId: string; takenUpOn: IsoDate }
  /** Only by the project that took it up (back to Open); an open need is left as it is (a retry). */
  | { kind: 'ReleaseNeed'; projectId: string; releasedOn: IsoDate }
  | {
      kind: 'ClaimWish';
      unitId: string;
      /** The council's current member units (`councilMemberUnitIds`), resolved by the application. */
      memberUnitIds: readonly string[];
      claimedOn: IsoDate;
    }
  | { kind: 'ServeNeed'; servedOn: IsoDate }
  | { kind: 'DeclineNeed'; reason: string; declinedOn: IsoDate }
) &
  Dated;

function bounded(text: string, max: number, field: string): string {
  if ([...text].length > max) refuse('NEED_INVALID', `${field} is at most ${max} characters`, field);
  return text;
}

function oneOf<T extends string>(values: readonly T[], value: T, field: string): T {
  if (!values.includes(value)) refuse('NEED_INVALID', `${field}: no such value ${value}`, field);
  return value;
}

const screened = (text: string): string => screenComment(text).text;
const nullableScreened = (text: string | null): string | null => (text === null ? null : screened(text));

export function decideNeed(command: NeedCommand, state: NeedState): NeedEvent[] {
  const { today } = command;
  if (command.kind === 'SubmitNeed') {
    if (state) refuse('NEED_ALREADY_EXISTS', `need ${command.needId} exists`, 'needId');
    const submitterKind = oneOf(SUBMITTER_KINDS, command.submitterKind, 'submitterKind');
    const unitId = optional(command.unitId);
    if ((submitterKind === 'Unit') !== (unitId !== null))
      refuse('NEED_INVALID', 'a unit submitting names itself; a resident or office worker names no unit', 'unitId');
    return [
      {
        type: 'NeedSubmitted',
        data: {
          needId: command.needId,
          councilId: command.councilId,
          needKind: oneOf(NEED_KINDS, command.needKind, 'needKind'),
          category: oneOf(NEED_CATEGORIES, command.category, 'category'),
          // a resident's own words are published: ID numbers, phones, e-mail and card numbers are screened out first
          title: screened(bounded(required(command.title, 'NEED_INVALID', 'title'), NEED_TITLE_MAX, 'title')),
          description: screened(bounded(command.description.trim(), NEED_DESCRIPTION_MAX, 'description')),
          place: nullableScreened(optional(command.place)),
          submitterKind,
          unitId,
          contact: optional(command.contact),
          channel: oneOf(NEED_CHANNELS, command.channel, 'channel'),
          submittedOn: notFuture(command.submittedOn, today, 'submittedOn'),
        },
      },
    ];
  }
  if (!state) return refuse('NEED_NOT_FOUND', 'no such need', 'needId');
  const need = state;
  const { needId } = need;
  const onlyWhen = (...statuses: NeedStatus[]) => {
    if (!statuses.includes(need.status))
      refuse(
        'NEED_STATE_NOT_ALLOWED',
        `a need ${need.status} cannot take ${command.kind} (only when ${statuses.join(' or ')})`,
        'needId',
      );
  };
  const dated = (on: IsoDate, field: string) =>
    notBefore(notFuture(on, today, field), need.lastStepOn, field, "the need's last step");
  switch (command.kind) {
    case 'TakeUpNeed':
      if (need.status === 'TakenUp' && need.projectId === command.projectId) return []; // taken up already (a retry)
      onlyWhen('Open');
      return [
        {
          type: 'NeedTakenUp',
          data: { needId, projectId: command.projectId, takenUpOn: dated(command.takenUpOn, 'takenUpOn') },
        },
      ];
    case 'ReleaseNeed':
      if (need.status === 'Open') return []; // released already (a retry), or never taken up
      if (need.status !== 'TakenUp' || need.projectId !== command.projectId)
        refuse(
          'NEED_STATE_NOT_ALLOWED',
          `a need ${need.status}${need.projectId ? ` by project ${need.projectId}` : ''} cannot be released by project ${command.projectId} (only when taken up by it)`,
          'needId',
        );
      return [
        {
          type: 'NeedReleased',
          data: { needId, projectId: command.projectId, releasedOn: dated(command.releasedOn, 'releasedOn') },
        },
      ];
    case 'ClaimWish':
      if (need.needKind !== 'Wish')
        refuse('NEED_NOT_A_WISH', `a ${need.needKind} is taken up by a project, not claimed directly`, 'needId');
      if (need.status === 'Claimed' && need.claimedByUnitId === command.unitId) return []; // claimed already (a retry)
      onlyWhen('Open');
      if (!command.memberUnitIds.includes(command.unitId))
        refuse('UNIT_NOT_MEMBER', `unit ${command.unitId} is not a member unit of the council`, 'unitId');
      return [
        {
          type: 'WishClaimed',
          data: { needId, unitId: command.unitId, claimedOn: dated(command.claimedOn, 'claimedOn') },
        },
      ];
    case 'ServeNeed':
      onlyWhen('TakenUp', 'Claimed');
      return [
        {
          type: 'NeedServed',
          data: { needId, servedOn: dated(command.servedOn, 'servedOn'), projectId: need.projectId },
        },
      ];
    case 'DeclineNeed':
      onlyWhen('Open');
      return [
        {
          type: 'NeedDeclined',
          data: {
            needId,
            reason: required(command.reason, 'NEED_INVALID', 'reason'),
            declinedOn: dated(command.declinedOn, 'declinedOn'),
          },
        },
      ];
  }
}

export function evolveNeed(state: NeedState, event: NeedEvent): NeedState {
  if (event.type === 'NeedSubmitted') {
    const d = event.data;
    return {
      ...d,
      status: 'Open',
      projectId: null,
      claimedByUnitId: null,
      declineReason: null,
      lastStepOn: d.submittedOn,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'NeedTakenUp':
      return { ...state, status: 'TakenUp', projectId: event.data.projectId, lastStepOn: event.data.takenUpOn };
    case 'NeedReleased':
      return { ...state, status: 'Open', projectId: null, lastStepOn: event.data.releasedOn };
    case 'WishClaimed':
      return { ...state, status: 'Claimed', claimedByUnitId: event.data.unitId, lastStepOn: event.data.claimedOn };
    case 'NeedServed':
      return { ...state, status: 'Served', lastStepOn: event.data.servedOn };
    case 'NeedDeclined':
      return { ...state, status: 'Declined', declineReason: event.data.reason, lastStepOn: event.data.declinedOn };
  }
}

/** What the submitter is told on the public receipt: where the need stands, and no one's personal data. */
export interface NeedOutcome {
  readonly needId: string;
  readonly needKind: NeedKind;
  readonly status: NeedStatus;
  /** Since when it stands so. */
  readonly since: IsoDate;
  /** The project that took it up (TakenUp, or Served through a project). */
  readonly projectId: string | null;
  /** The member unit that claimed the wish (Claimed, or Served after a claim). */
  readonly claimedByUnitId: string | null;
  /** Why the council declined it (Declined). */
  readonly reason: string | null;
}

export function needOutcome(state: NeedState): NeedOutcome | null {
  if (!state) return null;
  return {
    needId: state.needId,
    needKind: state.needKind,
    status: state.status,
    since: state.lastStepOn,
    projectId: state.projectId,
    claimedByUnitId: state.claimedByUnitId,
    reason: state.status === 'Declined' ? state.declineReason : null,
  };
}
