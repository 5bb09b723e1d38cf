import { MemberRegistered } from './member-registered/message';
import { ActivistDesignated } from './activist-designated/message';
import { DevelopmentCandidateDesignated } from './development-candidate-designated/message';
import { AdmissionResolved } from './admission-resolved/message';
import { AdmissionApproved } from './admission-approved/message';
import { ProbationExtended } from './probation-extended/message';
import { FullMembershipResolved } from './full-membership-resolved/message';
import { FullMembershipApproved } from './full-membership-approved/message';
import { ProbationCancelled } from './probation-cancelled/message';
import { MembershipStatusChanged } from './membership-status-changed/message';
import { DuesBaseDeclared } from './dues-base-declared/message';
import { DuesBilled } from './dues-billed/message';
import { DuesPaid } from './dues-paid/message';
import { DuesReductionRequested } from './dues-reduction-requested/message';
import { DuesReductionDecided } from './dues-reduction-decided/message';
import { ContactLost } from './contact-lost/message';
import { ContactRestored } from './contact-restored/message';
import { LapseDecisionRecorded } from './lapse-decision-recorded/message';
import { PersonalDataErased } from './personal-data-erased/message';
import { MemberCountChanged } from './member-count-changed/message';

/** Every message the members service publishes, one folder each (a message's definition is imported from its folder). */
export const MEMBERS_MESSAGES = [
  MemberRegistered,
  ActivistDesignated,
  DevelopmentCandidateDesignated,
  AdmissionResolved,
  AdmissionApproved,
  ProbationExtended,
  FullMembershipResolved,
  FullMembershipApproved,
  ProbationCancelled,
  MembershipStatusChanged,
  DuesBaseDeclared,
  DuesBilled,
  DuesPaid,
  DuesReductionRequested,
  DuesReductionDecided,
  ContactLost,
  ContactRestored,
  LapseDecisionRecorded,
  PersonalDataErased,
  MemberCountChanged,
] as const;
