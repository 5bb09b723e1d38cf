import { type JsonSchema, type PublishedEvent } from '@lianjian/organizations-contracts';
import { MEMBERS_TOPICS } from './topics';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const text = { type: 'string', minLength: 1 } as const;
const anyText = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const nullableDate = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
const amount = { type: 'number', minimum: 0 } as const;
const stage = { enum: ['Applicant', 'Activist', 'DevelopmentCandidate', 'ProbationaryMember', 'FullMember'] } as const;
const status = { enum: ['Normal', 'Retained', 'Suspended', 'Restored', 'Expelled', 'Withdrawn', 'Deceased', 'TransferredOut'] } as const;
const category = { enum: ['Employed', 'Retired', 'Student', 'Unemployed', 'Relief', 'Farmer', 'Other'] } as const;
/** Ciphertext of the envelope format `v1.<iv>.<tag>.<data>` (base64url): never clear text. */
const ciphertext = { type: 'string', pattern: '^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' } as const;

const object = (properties: Record<string, unknown>): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

const profile = object({
  name: text,
  gender: { enum: ['Male', 'Female'] },
  birthDate: date,
  ethnicity: anyText,
  education: anyText,
  category,
  posts: { type: 'array', items: text },
  unitId: nullableText,
});
const protectedData = object({ keyId: id, idNumber: ciphertext, phone: { anyOf: [ciphertext, { type: 'null' }] } });
const vote = object({ heldOn: date, votingMembers: { type: 'integer', minimum: 0 }, attending: { type: 'integer', minimum: 0 }, inFavour: { type: 'integer', minimum: 0 }, meetingId: nullableText });
const member = { memberId: id, organizationId: id };

const event = (type: string, description: string, data: Record<string, unknown>): PublishedEvent => ({
  type,
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  description,
  data: object({ ...member, ...data }),
});

/** Every event the members service publishes: the contract of the organizations service's counts and of analytics. */
export const MEMBERS_EVENTS: readonly PublishedEvent[] = [
  event('MemberRegistered', 'A member (or applicant) was registered in a branch, or imported with their pipeline history. ID number and phone are ciphertext under the member\'s own key.', {
    profile, protectedData, stage, stageHistory: { type: 'array', minItems: 1, items: object({ stage, since: date }) }, probationEndsOn: nullableDate, status, registeredOn: date, source: { enum: ['Registration', 'Import'] },
  }),
  event('ActivistDesignated', 'An applicant became an activist (入党积极分子).', { on: date }),
  event('DevelopmentCandidateDesignated', 'An activist became a development candidate (发展对象) with two full-member sponsors.', { on: date, sponsorIds: { type: 'array', items: id } }),
  event('AdmissionResolved', "The branch members' meeting voted to admit the candidate; the superior's approval is due by approvalDueOn.", { vote, approvalDueOn: date }),
  event('AdmissionApproved', 'The superior approved the admission: the member is probationary from the meeting date.', { approvedOn: date, approverOrganizationId: id, joinedOn: date, probationEndsOn: date }),
  event('ProbationExtended', 'The probation was extended (once, 6–12 months).', { on: date, months: { type: 'integer', minimum: 1 }, probationEndsOn: date }),
  event('FullMembershipResolved', "The branch members' meeting voted for full membership (转正); the superior's approval is due by approvalDueOn.", { vote, approvalDueOn: date }),
  event('FullMembershipApproved', 'The superior approved full membership, counted from the end of probation.', { approvedOn: date, approverOrganizationId: id, fullMembershipOn: date }),
  event('ProbationCancelled', 'The probationary membership was cancelled (取消预备党员资格).', { on: date, reason: text }),
  event('MembershipStatusChanged', 'The membership status (党籍) changed.', { status, previousStatus: status, on: date, reason: text }),
  event('DuesBaseDeclared', 'The category and monthly after-tax income that set the dues, from a month on.', { category, monthlyIncome: { type: ['number', 'null'], minimum: 0 }, effectiveFrom: month }),
  event('DuesBilled', 'A monthly dues bill (the standard amount, and the amount after an approved reduction or waiver).', { month, amount, standardAmount: amount, reductionId: nullableText }),
  event('DuesPaid', 'Dues were paid for one or more months, by the member or on their behalf.', { paymentId: id, months: { type: 'array', minItems: 1, items: month }, amount, paidOn: date, paidBy: nullableText, onBehalf: { type: 'boolean' } }),
  event('DuesReductionRequested', 'A member applied for a dues reduction or waiver.', { reductionId: id, kind: { enum: ['Reduction', 'Waiver'] }, fromMonth: month, toMonth: month, monthlyAmount: amount, reason: text, requestedOn: date }),
  event('DuesReductionDecided', "The branch decided, or the superior approved or rejected, a reduction or waiver.", { reductionId: id, level: { enum: ['Branch', 'Superior'] }, approved: { type: 'boolean' }, decidedOn: date, deciderOrganizationId: id, reason: nullableText }),
  event('ContactLost', 'The branch lost contact with the member (失联).', { since: date }),
  event('ContactRestored', 'Contact with the member was restored.', { on: date }),
  event('LapseDecisionRecorded', 'The branch decided, and the superior approved, on a lapse candidate (remove: 自行脱党, or keep).', { decision: { enum: ['Remove', 'Keep'] }, reasons: { type: 'array', items: text }, branchDecidedOn: date, approvedOn: date, approverOrganizationId: id }),
  event('PersonalDataErased', "The member's data key was destroyed: their ID number and phone are unreadable everywhere.", { erasedOn: date, reason: text }),
];
