import { randomUUID } from 'node:crypto';
import { type Caller, assertCanWrite } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { streamId } from '@lianjian/organizations-contracts';
import {
  type PlaceProfile,
  type ServicePointCommand,
  type ServicePointProfile,
  type UnitProfile,
  violation,
} from '@lianjian/organizations-domain';
import { type BuildingView, type ServicePointView, type UnitView } from '../read-models';
import {
  type CommandRunner,
  buildingDecider,
  regionOf,
  servicePointDecider,
  unitDecider,
} from '../common/command-runner';
import { scopeOf } from '../scope';

/** The registry: units (两新组织 / 驻区单位), buildings (楼宇 / 园区 / 商圈) and service points. */
export class RegistryCommands {
  constructor(private readonly runner: CommandRunner) {}

  async registerUnit(
    caller: Caller,
    input: { unitId?: string | null; profile: UnitProfile } & CommandOptions,
  ): Promise<UnitView> {
    assertCanWrite(caller, { district: input.profile.region.district, organizationPath: [] });
    if (input.profile.buildingId) await this.runner.requireBuilding(caller, input.profile.buildingId);
    const unitId = input.unitId ?? randomUUID();
    const profile = { ...input.profile, region: regionOf(input.profile.region) };
    return this.runner.run(
      unitId,
      streamId('unit', unitId),
      unitDecider,
      input.unitId ? undefined : 'new',
      { kind: 'RegisterUnit', unitId, profile },
      this.runner.appendContext(caller, input, input.profile.region.district),
      input,
    );
  }

  async updateUnit(
    caller: Caller,
    input: { unitId: string; changes: Partial<UnitProfile> } & CommandOptions,
  ): Promise<UnitView> {
    const stream = streamId('unit', input.unitId);
    const loaded = await this.runner.loadStream(stream, unitDecider);
    const unit = loaded.state ?? violation('UNIT_NOT_FOUND', 'no such unit', 'unitId');
    assertCanWrite(caller, { district: unit.region.district, organizationPath: [] });
    if (input.changes.region) assertCanWrite(caller, { district: input.changes.region.district, organizationPath: [] });
    if (input.changes.buildingId) await this.runner.requireBuilding(caller, input.changes.buildingId);
    const changes = input.changes.region ? { ...input.changes, region: regionOf(input.changes.region) } : input.changes;
    return this.runner.run(
      input.unitId,
      stream,
      unitDecider,
      loaded,
      { kind: 'UpdateUnitProfile', changes },
      this.runner.appendContext(caller, input, unit.region.district),
      input,
    );
  }

  async registerBuilding(
    caller: Caller,
    input: { buildingId?: string | null; profile: PlaceProfile } & CommandOptions,
  ): Promise<BuildingView> {
    assertCanWrite(caller, { district: input.profile.region.district, organizationPath: [] });
    const buildingId = input.buildingId ?? randomUUID();
    const profile = { ...input.profile, region: regionOf(input.profile.region) };
    return this.runner.run(
      buildingId,
      streamId('building', buildingId),
      buildingDecider,
      input.buildingId ? undefined : 'new',
      { kind: 'RegisterBuilding', buildingId, profile },
      this.runner.appendContext(caller, input, input.profile.region.district),
      input,
    );
  }

  async openServicePoint(
    caller: Caller,
    input: { servicePointId?: string | null; profile: ServicePointProfile; openedOn: string } & CommandOptions,
  ): Promise<ServicePointView> {
    const host = await this.runner.other(
      input.profile.hostOrganizationId,
      'ORGANIZATION_NOT_FOUND',
      'hostOrganizationId',
    );
    assertCanWrite(caller, scopeOf(host));
    // the point's place: the registry of a district the caller places in, and a building of it
    await this.runner.assertRegistryDistrict(caller, input.profile.region.district ?? null);
    if (input.profile.buildingId) await this.runner.requireBuilding(caller, input.profile.buildingId);
    const servicePointId = input.servicePointId ?? randomUUID();
    const command: ServicePointCommand = {
      kind: 'OpenServicePoint',
      servicePointId,
      profile: { ...input.profile, region: regionOf(input.profile.region) },
      openedOn: input.openedOn,
      hostEstablishedOn: host.establishedOn,
      today: this.runner.clock.today(),
    };
    return this.runner.run(
      servicePointId,
      streamId('servicePoint', servicePointId),
      servicePointDecider,
      input.servicePointId ? undefined : 'new',
      command,
      this.runner.appendContext(caller, input, input.profile.region.district),
      input,
    );
  }

  async closeServicePoint(
    caller: Caller,
    input: { servicePointId: string; closedOn?: string | null } & CommandOptions,
  ): Promise<ServicePointView> {
    const stream = streamId('servicePoint', input.servicePointId);
    const loaded = await this.runner.loadStream(stream, servicePointDecider);
    const point = loaded.state ?? violation('SERVICE_POINT_NOT_OPEN', 'no such service point', 'servicePointId');
    const host = await this.runner.other(point.hostOrganizationId, 'ORGANIZATION_NOT_FOUND', 'hostOrganizationId');
    assertCanWrite(caller, scopeOf(host));
    return this.runner.run(
      input.servicePointId,
      stream,
      servicePointDecider,
      loaded,
      {
        kind: 'CloseServicePoint',
        closedOn: input.closedOn ?? this.runner.clock.today(),
        today: this.runner.clock.today(),
      },
      this.runner.appendContext(caller, input, point.region.district),
      input,
    );
  }
}
