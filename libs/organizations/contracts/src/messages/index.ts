import { OrganizationEstablished } from './organization-established/message';
import { OrganizationRenamed } from './organization-renamed/message';
import { OrganizationTypeChanged } from './organization-type-changed/message';
import { OrganizationReparented } from './organization-reparented/message';
import { OrganizationTransferredToDistrict } from './organization-transferred-to-district/message';
import { OrganizationMerged } from './organization-merged/message';
import { OrganizationDissolved } from './organization-dissolved/message';
import { OrganizationReinstated } from './organization-reinstated/message';
import { LeadershipElected } from './leadership-elected/message';
import { UnitsCovered } from './units-covered/message';
import { UnitsUncovered } from './units-uncovered/message';
import { UnitRegistered } from './unit-registered/message';
import { UnitProfileUpdated } from './unit-profile-updated/message';
import { BuildingRegistered } from './building-registered/message';
import { ServicePointOpened } from './service-point-opened/message';
import { ServicePointClosed } from './service-point-closed/message';
import { MeetingRecorded } from './meeting-recorded/message';

/** Every message the organizations service publishes, one folder each (a message's definition is imported from its folder). */
export const ORGANIZATIONS_MESSAGES = [
  OrganizationEstablished,
  OrganizationRenamed,
  OrganizationTypeChanged,
  OrganizationReparented,
  OrganizationTransferredToDistrict,
  OrganizationMerged,
  OrganizationDissolved,
  OrganizationReinstated,
  LeadershipElected,
  UnitsCovered,
  UnitsUncovered,
  UnitRegistered,
  UnitProfileUpdated,
  BuildingRegistered,
  ServicePointOpened,
  ServicePointClosed,
  MeetingRecorded,
] as const;
