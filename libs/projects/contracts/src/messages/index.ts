import { CouncilConvened } from './council-convened/message';
import { MemberUnitJoined } from './member-unit-joined/message';
import { MemberUnitRepresentativeChanged } from './member-unit-representative-changed/message';
import { MemberUnitLeft } from './member-unit-left/message';
import { CommitteeSeatFilled } from './committee-seat-filled/message';
import { CommitteeSeatVacated } from './committee-seat-vacated/message';
import { CouncilSessionHeld } from './council-session-held/message';
import { PairingAgreed } from './pairing-agreed/message';
import { PairingEnded } from './pairing-ended/message';
import { NeedSubmitted } from './need-submitted/message';
import { NeedTakenUp } from './need-taken-up/message';
import { NeedReleased } from './need-released/message';
import { WishClaimed } from './wish-claimed/message';
import { NeedServed } from './need-served/message';
import { NeedDeclined } from './need-declined/message';
import { ResourceOffered } from './resource-offered/message';
import { ResourceCommitted } from './resource-committed/message';
import { ResourceWithdrawn } from './resource-withdrawn/message';
import { ProjectProposed } from './project-proposed/message';
import { ProjectResolved } from './project-resolved/message';
import { ProjectApproved } from './project-approved/message';
import { ProjectClaimed } from './project-claimed/message';
import { ProjectStarted } from './project-started/message';
import { MilestoneReached } from './milestone-reached/message';
import { ProjectResourceUsed } from './project-resource-used/message';
import { ProjectSignedIn } from './project-signed-in/message';
import { ProjectCompleted } from './project-completed/message';
import { ProjectScored } from './project-scored/message';
import { ProjectClosed } from './project-closed/message';
import { ProjectRated } from './project-rated/message';
import { CreativeProjectNominated } from './creative-project-nominated/message';
import { CreativeProjectVoteCast } from './creative-project-vote-cast/message';
import { CreativeProjectSelected } from './creative-project-selected/message';

/** Every message the projects service publishes, one folder each (a message's definition is imported from its folder). */
export const PROJECTS_MESSAGES = [
  CouncilConvened,
  MemberUnitJoined,
  MemberUnitRepresentativeChanged,
  MemberUnitLeft,
  CommitteeSeatFilled,
  CommitteeSeatVacated,
  CouncilSessionHeld,
  PairingAgreed,
  PairingEnded,
  NeedSubmitted,
  NeedTakenUp,
  NeedReleased,
  WishClaimed,
  NeedServed,
  NeedDeclined,
  ResourceOffered,
  ResourceCommitted,
  ResourceWithdrawn,
  ProjectProposed,
  ProjectResolved,
  ProjectApproved,
  ProjectClaimed,
  ProjectStarted,
  MilestoneReached,
  ProjectResourceUsed,
  ProjectSignedIn,
  ProjectCompleted,
  ProjectScored,
  ProjectClosed,
  ProjectRated,
  CreativeProjectNominated,
  CreativeProjectVoteCast,
  CreativeProjectSelected,
] as const;

/** The value sets the messages use (and the statuses their events set), for consumers and the service's type checks. */
export {
  NEED_CATEGORIES,
  NEED_KINDS,
  SUBMITTER_KINDS,
  NEED_CHANNELS,
  NEED_STATUSES,
  PROJECT_STATUSES,
  SATISFACTION_LEVELS,
  RESOURCE_KINDS,
  COUNCIL_KINDS,
  COUNCIL_LEVELS,
  SEAT_TITLES,
  SIGN_IN_KINDS,
  PERSONAL_DATA_KINDS,
  UNSCREENED_PERSONAL_DATA,
} from './vocabulary';
