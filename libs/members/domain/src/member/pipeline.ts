import { type IsoDate, addDays, addMonths, ageOn, monthOf } from '@lianjian/calendar';
import { monthlyDues } from '../dues';
import { refuse } from '../errors';
import {
  type MeetingVote,
  type MemberProfile,
  type MembershipStatus,
  type ProtectedData,
  type Stage,
  type StageStep,
  isVotingMember,
} from '../model';
import { type MemberRules } from '../rules';
import { type DecisionKind, type MemberEvent, type PipelineHistory, type RegistrationSource } from './member-events';
import { type Dated, after, idsOf, notFuture } from './guards';
import { type Member, type MemberState, type PendingDecision, sinceOf } from './state';

// The development pipeline (发展党员): registration, activist, development candidate, admission by a branch meeting
// and the superior's approval, probation (extended or cancelled) and full membership.

/** What the application knows about another member (a sponsor). */
export interface MemberFact {
  readonly memberId: string;
  readonly stage: Stage;
  readonly status: MembershipStatus;
  readonly probationCancelled: boolean;
}

export type RegisterMember = {
  kind: 'RegisterMember';
  memberId: string;
  organizationId: string;
  profile: MemberProfile;
  protectedData: ProtectedData;
  history: PipelineHistory;
  status: MembershipStatus;
  source: RegistrationSource;
  monthlyIncome: number | null;
} & Dated;

/** The pipeline's steps on a registered member. */
export type PipelineCommand =
  | ({ kind: 'DesignateActivist'; on: IsoDate } & Dated)
  | ({ kind: 'DesignateDevelopmentCandidate'; on: IsoDate; sponsors: readonly MemberFact[] } & Dated)
  | ({ kind: 'ResolveAdmission'; vote: MeetingVote } & Dated)
  | ({ kind: 'ApproveAdmission'; approvedOn: IsoDate; approverOrganizationId: string } & Dated)
  | ({ kind: 'ExtendProbation'; on: IsoDate; months: number } & Dated)
  | ({ kind: 'ResolveFullMembership'; vote: MeetingVote } & Dated)
  | ({ kind: 'ApproveFullMembership'; approvedOn: IsoDate; approverOrganizationId: string } & Dated)
  | ({ kind: 'CancelProbation'; on: IsoDate; reason: string | null } & Dated);

/** Decides a pipeline step on a member whose membership has not ended. */
export function decidePipeline(command: PipelineCommand, m: Member): MemberEvent[] {
  const ids = idsOf(m);
  switch (command.kind) {
    case 'DesignateActivist': {
      requireStage(m, 'Applicant');
      after(command.on, sinceOf(m, 'Applicant'), 'on', 'the application');
      return [{ type: 'ActivistDesignated', data: { ...ids, on: notFuture(command.on, command.today, 'on') } }];
    }
    case 'DesignateDevelopmentCandidate': {
      requireStage(m, 'Activist');
      const activistSince = sinceOf(m, 'Activist')!;
      notFuture(command.on, command.today, 'on');
      if (command.on < addMonths(activistSince, command.rules.minActivistMonths)) {
        refuse(
          'ACTIVIST_PERIOD_TOO_SHORT',
          `an activist since ${activistSince} can become a development candidate from ${addMonths(activistSince, command.rules.minActivistMonths)} (${command.rules.minActivistMonths} months)`,
          'on',
        );
      }
      const sponsorIds = [...new Set(command.sponsors.map((s) => s.memberId))];
      if (
        sponsorIds.length !== command.rules.sponsorsRequired ||
        command.sponsors.length !== command.rules.sponsorsRequired
      ) {
        refuse('SPONSORS_INVALID', `${command.rules.sponsorsRequired} different sponsors are required`, 'sponsorIds');
      }
      if (sponsorIds.includes(m.id)) refuse('SPONSORS_INVALID', 'a candidate cannot sponsor themself', 'sponsorIds');
      const notFull = command.sponsors.find((s) => !isVotingMember(s.stage, s.status) || s.probationCancelled);
      if (notFull)
        refuse(
          'SPONSORS_INVALID',
          `sponsor ${notFull.memberId} is not a full member in good standing (${notFull.stage}, ${notFull.status})`,
          'sponsorIds',
        );
      return [{ type: 'DevelopmentCandidateDesignated', data: { ...ids, on: command.on, sponsorIds } }];
    }
    case 'ResolveAdmission': {
      requireStage(m, 'DevelopmentCandidate');
      if (m.pendingDecision)
        refuse('DECISION_ALREADY_PENDING', 'the branch already decided; the superior approval is pending', 'vote');
      checkVote(command.vote, command.rules, command.today, sinceOf(m, 'DevelopmentCandidate'));
      return [
        {
          type: 'AdmissionResolved',
          data: {
            ...ids,
            vote: command.vote,
            approvalDueOn: addDays(command.vote.heldOn, command.rules.approvalDeadlineDays),
          },
        },
      ];
    }
    case 'ApproveAdmission': {
      const pending = requirePending(m, 'Admission');
      after(command.approvedOn, pending.vote.heldOn, 'approvedOn', "the branch meeting's decision");
      notFuture(command.approvedOn, command.today, 'approvedOn');
      // probation runs one year from the branch meeting that admitted the member
      const joinedOn = pending.vote.heldOn;
      return [
        {
          type: 'AdmissionApproved',
          data: {
            ...ids,
            approvedOn: command.approvedOn,
            approverOrganizationId: command.approverOrganizationId,
            joinedOn,
            probationEndsOn: addMonths(joinedOn, command.rules.probationMonths),
          },
        },
      ];
    }
    case 'ExtendProbation': {
      requireStage(m, 'ProbationaryMember');
      if (m.probationExtended) refuse('PROBATION_ALREADY_EXTENDED', 'a probation is extended once at most', 'months');
      if (
        !Number.isInteger(command.months) ||
        command.months < command.rules.extensionMinMonths ||
        command.months > command.rules.extensionMaxMonths
      ) {
        refuse(
          'EXTENSION_OUT_OF_RANGE',
          `an extension is ${command.rules.extensionMinMonths}–${command.rules.extensionMaxMonths} months`,
          'months',
        );
      }
      notFuture(command.on, command.today, 'on');
      return [
        {
          type: 'ProbationExtended',
          data: {
            ...ids,
            on: command.on,
            months: command.months,
            probationEndsOn: addMonths(m.probationEndsOn!, command.months),
          },
        },
      ];
    }
    case 'ResolveFullMembership': {
      requireStage(m, 'ProbationaryMember');
      if (m.pendingDecision)
        refuse('DECISION_ALREADY_PENDING', 'the branch already decided; the superior approval is pending', 'vote');
      if (command.vote.heldOn < m.probationEndsOn!) {
        refuse(
          'PROBATION_NOT_ENDED',
          `the probation ends on ${m.probationEndsOn}; full membership is decided after it`,
          'vote.heldOn',
        );
      }
      checkVote(command.vote, command.rules, command.today, m.joinedOn);
      return [
        {
          type: 'FullMembershipResolved',
          data: {
            ...ids,
            vote: command.vote,
            approvalDueOn: addDays(command.vote.heldOn, command.rules.approvalDeadlineDays),
          },
        },
      ];
    }
    case 'ApproveFullMembership': {
      requirePending(m, 'FullMembership');
      after(command.approvedOn, m.pendingDecision!.vote.heldOn, 'approvedOn', "the branch meeting's decision");
      notFuture(command.approvedOn, command.today, 'approvedOn');
      // 转正: full membership counts from the day the probation ended
      return [
        {
          type: 'FullMembershipApproved',
          data: {
            ...ids,
            approvedOn: command.approvedOn,
            approverOrganizationId: command.approverOrganizationId,
            fullMembershipOn: m.probationEndsOn!,
          },
        },
      ];
    }
    case 'CancelProbation': {
      requireStage(m, 'ProbationaryMember');
      after(command.on, m.joinedOn, 'on', 'the admission');
      return [
        {
          type: 'ProbationCancelled',
          data: { ...ids, on: notFuture(command.on, command.today, 'on'), reason: command.reason },
        },
      ];
    }
  }
}

/** Registers a person: an applicant, or an existing member with the pipeline dates they have passed. */
export function decideRegistration(command: RegisterMember, state: MemberState): MemberEvent[] {
  if (state) refuse('MEMBER_ALREADY_EXISTS', `member ${command.memberId} already exists`, 'memberId');
  const h = command.history;
  const steps: StageStep[] = [];
  const order: Array<[Stage, IsoDate | null, string]> = [
    ['Applicant', h.appliedOn, 'appliedOn'],
    ['Activist', h.activistOn, 'activistOn'],
    ['DevelopmentCandidate', h.candidateOn, 'candidateOn'],
    ['ProbationaryMember', h.joinedOn, 'joinedOn'],
    ['FullMember', h.fullMembershipOn, 'fullMembershipOn'],
  ];
  for (const [stage, since, field] of order) {
    if (!since) continue;
    notFuture(since, command.today, field);
    const previous = steps[steps.length - 1];
    if (previous && since < previous.since)
      refuse(
        'DATE_OUT_OF_ORDER',
        `${field} (${since}) is before the ${previous.stage} stage (${previous.since})`,
        field,
      );
    steps.push({ stage, since });
  }
  const last =
    steps[steps.length - 1] ?? refuse('STAGE_NOT_ALLOWED', 'give at least the application date', 'appliedOn');
  if (last.stage === 'ProbationaryMember' && steps.some((s) => s.stage === 'FullMember'))
    refuse('DATE_OUT_OF_ORDER', 'full membership follows probation', 'fullMembershipOn');
  const firstDate = steps[0]!.since;
  const age = ageOn(command.profile.birthDate, firstDate);
  if (age < command.rules.minApplicantAge) {
    refuse(
      'APPLICANT_TOO_YOUNG',
      `an applicant must be at least ${command.rules.minApplicantAge} years old; on ${firstDate} the person was ${age}`,
      steps[0]!.stage === 'Applicant' ? 'appliedOn' : 'joinedOn',
    );
  }
  if (command.monthlyIncome !== null) monthlyDues(command.profile.category, command.monthlyIncome, command.rules);
  const probationEndsOn =
    last.stage === 'ProbationaryMember' ? addMonths(last.since, command.rules.probationMonths) : null;
  const events: MemberEvent[] = [
    {
      type: 'MemberRegistered',
      data: {
        memberId: command.memberId,
        organizationId: command.organizationId,
        profile: command.profile,
        protectedData: command.protectedData,
        stage: last.stage,
        stageHistory: steps,
        probationEndsOn,
        status: command.status,
        registeredOn: command.today,
        source: command.source,
      },
    },
  ];
  if (command.monthlyIncome !== null) {
    events.push({
      type: 'DuesBaseDeclared',
      data: {
        memberId: command.memberId,
        organizationId: command.organizationId,
        category: command.profile.category,
        monthlyIncome: command.monthlyIncome,
        effectiveFrom: monthOf(command.today),
      },
    });
  }
  return events;
}

function requireStage(m: Member, stage: Stage): void {
  if (m.stage !== stage)
    refuse(
      'STAGE_NOT_ALLOWED',
      `this step needs a member at the ${stage} stage; the member is at ${m.stage}`,
      'memberId',
    );
}

function requirePending(m: Member, kind: DecisionKind): PendingDecision {
  if (!m.pendingDecision || m.pendingDecision.kind !== kind) {
    return refuse(
      'NO_PENDING_DECISION',
      `no branch decision on ${kind === 'Admission' ? 'admission' : 'full membership'} awaits approval`,
      'memberId',
    );
  }
  return m.pendingDecision;
}

/**
 * A branch members' meeting decides validly when more than `quorumShare` of the voting members attend and more
 * than `approvalShare` of the voting members (not only of those present) vote yes.
 */
export function checkVote(vote: MeetingVote, rules: MemberRules, today: IsoDate, notBefore: IsoDate | null): void {
  notFuture(vote.heldOn, today, 'vote.heldOn');
  after(vote.heldOn, notBefore, 'vote.heldOn', 'the previous stage');
  if (
    vote.attending > vote.votingMembers ||
    vote.inFavour > vote.attending ||
    vote.attending < 0 ||
    vote.inFavour < 0
  ) {
    refuse(
      'VOTE_INCONSISTENT',
      `${vote.inFavour} in favour of ${vote.attending} attending is impossible with ${vote.votingMembers} voting members`,
      'vote',
    );
  }
  if (vote.attending <= vote.votingMembers * rules.quorumShare) {
    refuse(
      'QUORUM_NOT_MET',
      `${vote.attending} of ${vote.votingMembers} voting members attended; more than ${Math.floor(vote.votingMembers * rules.quorumShare)} must attend`,
      'vote.meetingId',
    );
  }
  if (vote.inFavour <= vote.votingMembers * rules.approvalShare) {
    refuse(
      'VOTE_NOT_PASSED',
      `${vote.inFavour} of ${vote.votingMembers} voting members voted yes; more than ${Math.floor(vote.votingMembers * rules.approvalShare)} must`,
      'vote.resolution',
    );
  }
}
