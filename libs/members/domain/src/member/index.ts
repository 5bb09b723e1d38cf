// The member aggregate: one stream, one state (state.ts, folded by `evolveMember`), one event contract (member-events.ts),
// and a decider per concern (pipeline, status, dues, lapse, erasure) that `decideMember` routes each command to.
export {
  type DecisionKind,
  type LapseDecision,
  type MemberEvent,
  type MemberEventType,
  type PipelineHistory,
  type ReductionKind,
  type RegistrationSource,
  type TransferCause,
  TRANSFER_CAUSES,
} from './member-events';
export {
  type DuesBill,
  type DuesReduction,
  type Member,
  type MemberState,
  type PendingDecision,
  type StatusStep,
  evolveMember,
  isBillable,
  isCounted,
  isVotingOn,
  sinceOf,
  statusOn,
} from './state';
export { type MemberCommand, decideMember } from './decider';
export { type MemberFact, type PipelineCommand, type RegisterMember, checkVote } from './pipeline';
export { type RecordedMeeting, voteOfMeeting } from './meeting-vote';
export { type StatusCommand } from './status';
export { type DuesCommand } from './dues';
export { type LapseCommand } from './lapse';
export { type ErasureCommand } from './erasure';
export { type LandTransfer, type LandingCommand } from './landing';
