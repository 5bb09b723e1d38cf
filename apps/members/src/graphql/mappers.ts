import { type MemberView } from '../infrastructure/views';
import { type MemberModel } from './member.types';

export type MemberParent = MemberModel & { readonly view: MemberView };

export const toMember = (v: MemberView): MemberParent => ({
  view: v,
  id: v._id,
  cardNumber: v._id,
  maskedName: v.profile.maskedName,
  gender: v.profile.gender,
  birthDate: v.profile.birthDate,
  ethnicity: v.profile.ethnicity,
  education: v.profile.education,
  category: v.duesCategory,
  posts: [...v.profile.posts],
  unitId: v.profile.unitId,
  organizationId: v.organizationId,
  stage: v.stage,
  stageHistory: [...v.stageHistory],
  sponsorIds: [...v.sponsorIds],
  joinedOn: v.joinedOn,
  probationEndsOn: v.probationEndsOn,
  probationExtended: v.probationExtended,
  probationCancelled: v.probationCancelled,
  fullMembershipOn: v.fullMembershipOn,
  pendingDecision: v.pendingDecision,
  status: v.status,
  lostContactSince: v.lostContactSince,
  registeredOn: v.registeredOn,
  personalDataErasedOn: v.personalDataErasedOn,
  version: v.version,
});
