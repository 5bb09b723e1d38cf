// Given/when/then helpers the member deciders' specs share (test code only, not exported by the library).
import { DEFAULT_MEMBER_RULES } from '../rules';
import { type MemberCommand, decideMember } from './decider';
import { type MemberEvent, type PipelineHistory } from './member-events';
import { type MemberFact } from './pipeline';
import { type Member, evolveMember } from './state';

export const rules = DEFAULT_MEMBER_RULES;
export const today = '2026-11-22';
export const dated = { today, rules };
export const profile = {
  maskedName: '张*',
  gender: 'Male' as const,
  birthDate: '1990-01-01',
  ethnicity: '汉族',
  education: '本科',
  category: 'Employed' as const,
  posts: [],
  unitId: null,
};
export const protectedData = { keyId: 'k', sealingKey: null, name: 'v1.n.a.m', idNumber: 'v1.a.b.c', phone: null };
export const noHistory: PipelineHistory = {
  appliedOn: null,
  activistOn: null,
  candidateOn: null,
  joinedOn: null,
  fullMembershipOn: null,
};

/** Given these commands applied in order, the resulting state. */
export function given(...commands: MemberCommand[]): Member {
  let state: Member | null = null;
  for (const command of commands) for (const event of decideMember(command, state)) state = evolveMember(state, event);
  return state!;
}
export const register = (
  history: Partial<typeof noHistory>,
  extra: Partial<Extract<MemberCommand, { kind: 'RegisterMember' }>> = {},
): MemberCommand => ({
  kind: 'RegisterMember',
  memberId: 'm-1',
  organizationId: 'b-1',
  profile,
  protectedData,
  history: { ...noHistory, ...history },
  status: 'Normal',
  source: 'Registration',
  monthlyIncome: null,
  ...dated,
  ...extra,
});
export const when = (state: Member | null, command: MemberCommand): MemberEvent[] => decideMember(command, state);
export const refusal = (state: Member | null, command: MemberCommand) => {
  try {
    decideMember(command, state);
  } catch (error) {
    return { code: (error as { code: string }).code, field: (error as { field: string | null }).field };
  }
  throw new Error('the command was not refused');
};
export const fullSponsor = (memberId: string): MemberFact => ({
  memberId,
  stage: 'FullMember',
  status: 'Normal',
  probationCancelled: false,
});
export const vote = (heldOn: string, votingMembers: number, attending: number, inFavour: number) => ({
  heldOn,
  votingMembers,
  attending,
  inFavour,
  meetingId: null,
});
