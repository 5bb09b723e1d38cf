import {
  type BuildingView,
  type MeetingView,
  type OrganizationView,
  type ServicePointView,
  type UnitView,
} from '../application/read-models';
import { type MeetingModel } from './membership.types';
import { type BuildingModel, type OrganizationModel, type ServicePointModel, type UnitModel } from './types';

export const toOrganization = (v: OrganizationView): OrganizationModel & OrganizationView =>
  ({ ...v, id: v._id, ancestorIds: [...v.ancestorIds] }) as OrganizationModel & OrganizationView;
export const toUnit = (v: UnitView): UnitModel & UnitView => ({ ...v, id: v._id });
export const toBuilding = (v: BuildingView): BuildingModel & BuildingView => ({ ...v, id: v._id });
export const toServicePoint = (v: ServicePointView): ServicePointModel & ServicePointView => ({ ...v, id: v._id });
export const toMeeting = (m: MeetingView): MeetingModel => ({
  ...m,
  id: m._id,
  attendeeIds: [...m.attendeeIds],
  absentees: m.absentees.map((a) => ({ memberId: a.memberId, reasonRecorded: a.reason !== null })),
  topics: [...m.topics],
  resolutions: [...m.resolutions],
});
