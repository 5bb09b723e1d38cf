import { violation } from './errors';
import { type IsoDate, type PlaceKind, type Region, type ServicePointKind, type UnitKind } from './model';

// ---- units (两新组织, 驻区单位) -------------------------------------------------------------------------------

export interface UnitProfile {
  readonly name: string;
  readonly kind: UnitKind;
  readonly industry: string;
  readonly employees: number;
  readonly aboveScale: boolean;
  readonly buildingId: string | null;
  readonly region: Region;
}

export type UnitEvent =
  | { type: 'UnitRegistered'; data: { unitId: string } & UnitProfile }
  | { type: 'UnitProfileUpdated'; data: { unitId: string } & Partial<UnitProfile> };

export type UnitState = ({ id: string } & UnitProfile) | null;

export type UnitCommand =
  | { kind: 'RegisterUnit'; unitId: string; profile: UnitProfile }
  | { kind: 'UpdateUnitProfile'; changes: Partial<UnitProfile> };

export function decideUnit(command: UnitCommand, state: UnitState): UnitEvent[] {
  switch (command.kind) {
    case 'RegisterUnit':
      if (state) violation('UNIT_ALREADY_EXISTS', `unit ${command.unitId} is already registered`, 'unitId');
      return [{ type: 'UnitRegistered', data: { unitId: command.unitId, ...command.profile } }];
    case 'UpdateUnitProfile': {
      if (!state) return violation('UNIT_NOT_FOUND', 'no such unit', 'unitId');
      const changes = Object.fromEntries(
        Object.entries(command.changes).filter(
          ([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(state[k as keyof UnitProfile]),
        ),
      ) as Partial<UnitProfile>;
      if (Object.keys(changes).length === 0) violation('NOTHING_CHANGES', 'the unit already has this profile', null);
      return [{ type: 'UnitProfileUpdated', data: { unitId: state.id, ...changes } }];
    }
  }
}

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'UnitRegistered': {
      const { unitId, ...profile } = event.data;
      return { id: unitId, ...profile };
    }
    case 'UnitProfileUpdated': {
      if (!state) return state;
      const { unitId: _id, ...changes } = event.data;
      return { ...state, ...changes };
    }
  }
}

// ---- buildings, parks, business districts (楼宇 / 园区 / 商圈) ---------------------------------------------------

export interface PlaceProfile {
  readonly name: string;
  readonly kind: PlaceKind;
  readonly address: string;
  readonly region: Region;
}

export type BuildingEvent = { type: 'BuildingRegistered'; data: { buildingId: string } & PlaceProfile };
export type BuildingState = ({ id: string } & PlaceProfile) | null;
export type BuildingCommand = { kind: 'RegisterBuilding'; buildingId: string; profile: PlaceProfile };

export function decideBuilding(command: BuildingCommand, state: BuildingState): BuildingEvent[] {
  if (state) violation('BUILDING_ALREADY_EXISTS', `building ${command.buildingId} is already registered`, 'buildingId');
  return [{ type: 'BuildingRegistered', data: { buildingId: command.buildingId, ...command.profile } }];
}

export function evolveBuilding(_state: BuildingState, event: BuildingEvent): BuildingState {
  const { buildingId, ...profile } = event.data;
  return { id: buildingId, ...profile };
}

// ---- service points (党员服务点 / 党建服务站): contact points, not organizations -----------------------------------

export interface ServicePointProfile {
  readonly name: string;
  readonly kind: ServicePointKind;
  readonly hostOrganizationId: string;
  readonly buildingId: string | null;
  readonly region: Region;
}

export type ServicePointEvent =
  | { type: 'ServicePointOpened'; data: { servicePointId: string; openedOn: IsoDate } & ServicePointProfile }
  | { type: 'ServicePointClosed'; data: { servicePointId: string; closedOn: IsoDate } };

export type ServicePointState = ({ id: string; open: boolean; openedOn: IsoDate } & ServicePointProfile) | null;

export type ServicePointCommand =
  | {
      kind: 'OpenServicePoint';
      servicePointId: string;
      profile: ServicePointProfile;
      openedOn: IsoDate;
      /** The host organization's establishment: a service point can't open before its host existed. */
      hostEstablishedOn: IsoDate;
      today: IsoDate;
    }
  | { kind: 'CloseServicePoint'; closedOn: IsoDate; today: IsoDate };

export function decideServicePoint(command: ServicePointCommand, state: ServicePointState): ServicePointEvent[] {
  switch (command.kind) {
    case 'OpenServicePoint':
      if (state)
        violation(
          'SERVICE_POINT_ALREADY_EXISTS',
          `service point ${command.servicePointId} already exists`,
          'servicePointId',
        );
      if (command.openedOn > command.today)
        violation('DATE_IN_FUTURE', "a service point can't open in the future", 'openedOn');
      if (command.openedOn < command.hostEstablishedOn)
        violation(
          'DATE_BEFORE_HOST_ESTABLISHED',
          `the host organization was established on ${command.hostEstablishedOn}`,
          'openedOn',
        );
      return [
        {
          type: 'ServicePointOpened',
          data: { servicePointId: command.servicePointId, openedOn: command.openedOn, ...command.profile },
        },
      ];
    case 'CloseServicePoint':
      if (!state?.open) return violation('SERVICE_POINT_NOT_OPEN', 'the service point is not open', 'servicePointId');
      if (command.closedOn > command.today)
        violation('DATE_IN_FUTURE', "a service point can't close in the future", 'closedOn');
      if (command.closedOn < state.openedOn)
        violation('DATE_BEFORE_LAST_CHANGE', `the service point opened on ${state.openedOn}`, 'closedOn');
      return [{ type: 'ServicePointClosed', data: { servicePointId: state.id, closedOn: command.closedOn } }];
  }
}

export function evolveServicePoint(state: ServicePointState, event: ServicePointEvent): ServicePointState {
  switch (event.type) {
    case 'ServicePointOpened': {
      const { servicePointId, ...rest } = event.data;
      return { id: servicePointId, open: true, ...rest };
    }
    case 'ServicePointClosed':
      return state ? { ...state, open: false } : state;
  }
}
