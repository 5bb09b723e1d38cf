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
import { MemberTransferred } from './member-transferred/message';
import { TransferInitiated } from './transfer-initiated/message';
import { TransferApproved } from './transfer-approved/message';
import { TransferSentBack } from './transfer-sent-back/message';
import { TransferResubmitted } from './transfer-resubmitted/message';
import { TransferRevoked } from './transfer-revoked/message';
import { TransferLetterIssued } from './transfer-letter-issued/message';
import { TransferAccepted } from './transfer-accepted/message';
import { TransferRejected } from './transfer-rejected/message';
import { TransferExpired } from './transfer-expired/message';
import { TransferLetterRenewed } from './transfer-letter-renewed/message';
import { MemberFlowedOut } from './member-flowed-out/message';
import { FlowOutContactRecorded } from './flow-out-contact-recorded/message';
import { FlowOutEnded } from './flow-out-ended/message';
import { MemberFlowedIn } from './member-flowed-in/message';
import { FlowInEnded } from './flow-in-ended/message';
import { CommunityRegistered } from './community-registered/message';
import { CommunityRegistrationRevoked } from './community-registration-revoked/message';
import { CommunityServiceRecorded } from './community-service-recorded/message';
import { CommunityFeedbackGiven } from './community-feedback-given/message';

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
  MemberTransferred,
  TransferInitiated,
  TransferApproved,
  TransferSentBack,
  TransferResubmitted,
  TransferRevoked,
  TransferLetterIssued,
  TransferAccepted,
  TransferRejected,
  TransferExpired,
  TransferLetterRenewed,
  MemberFlowedOut,
  FlowOutContactRecorded,
  FlowOutEnded,
  MemberFlowedIn,
  FlowInEnded,
  CommunityRegistered,
  CommunityRegistrationRevoked,
  CommunityServiceRecorded,
  CommunityFeedbackGiven,
] as const;
