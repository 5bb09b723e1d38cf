import { refuse } from '../errors';
import { ENDED_STATUSES } from '../model';
import { type DuesCommand, decideDues } from './dues';
import { type ErasureCommand, decideErasure } from './erasure';
import { type MemberEvent } from './member-events';
import { type LandingCommand, decideLanding } from './landing';
import { type LapseCommand, decideLapse } from './lapse';
import { type PipelineCommand, type RegisterMember, decidePipeline, decideRegistration } from './pipeline';
import { type MemberState, evolveMember, isBillable, isCounted } from './state';
import { type StatusCommand, decideStatus } from './status';

/** Every command on the member stream: each concern's decider takes its own, over the one shared state. */
export type MemberCommand =
  RegisterMember | PipelineCommand | StatusCommand | DuesCommand | LapseCommand | ErasureCommand | LandingCommand;

/**
 * Decides a command on a member, and adds the facts other services need derived from its events: whether the member
 * is counted in their organization's membership (`isCounted`), with the registration and whenever the events change
 * it (`MemberCountChanged`). Consumers read the rule's result instead of re-implementing the rule (ADR 0016).
 */
export function decideMember(command: MemberCommand, state: MemberState): MemberEvent[] {
  const events = decideMemberEvents(command, state);
  const next = events.reduce<MemberState>((s, e) => evolveMember(s, e), state);
  if (events.length === 0 || !next) return events;
  const counted = isCounted(next);
  if (state && isCounted(state) === counted) return events;
  return [
    ...events,
    { type: 'MemberCountChanged', data: { memberId: next.id, organizationId: next.organizationId, counted } },
  ];
}

/** Routes a command to its concern's decider, after the checks every concern shares. */
function decideMemberEvents(command: MemberCommand, state: MemberState): MemberEvent[] {
  if (command.kind === 'RegisterMember') return decideRegistration(command, state);
  if (!state) return refuse('MEMBER_NOT_FOUND', 'no such member', 'memberId');
  const m = state;
  if (command.kind === 'ErasePersonalData') return decideErasure(command, m);
  if (command.kind === 'LandTransfer') return decideLanding(command, m); // also revives a member who left the city
  if (command.kind === 'BillDues' && !isBillable(m)) return []; // nobody is billed after their membership ended
  if (ENDED_STATUSES.includes(m.status) || m.probationCancelled) {
    refuse(
      'MEMBERSHIP_ENDED',
      m.probationCancelled ? 'the probation was cancelled' : `the membership ended (${m.status})`,
      'memberId',
    );
  }
  switch (command.kind) {
    case 'DesignateActivist':
    case 'DesignateDevelopmentCandidate':
    case 'ResolveAdmission':
    case 'ApproveAdmission':
    case 'ExtendProbation':
    case 'ResolveFullMembership':
    case 'ApproveFullMembership':
    case 'CancelProbation':
      return decidePipeline(command, m);
    case 'ChangeMembershipStatus':
      return decideStatus(command, m);
    case 'DeclareDuesBase':
    case 'BillDues':
    case 'PayDues':
    case 'RequestDuesReduction':
    case 'DecideDuesReduction':
      return decideDues(command, m);
    case 'RecordLostContact':
    case 'RecordContactRestored':
    case 'RecordLapseDecision':
      return decideLapse(command, m);
  }
}
