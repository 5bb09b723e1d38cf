import { type Db } from 'mongodb';
import { type ScopedTarget } from '@lianjian/auth';
import { type IntegrationEnvelope, StreamProjection, decodeOrPoison } from '@lianjian/messaging';
import { type OrganizationsMessage, decodeOrganizationsMessage, idFromStream } from '@lianjian/organizations-contracts';
import { type Directory } from '../application/ports';
import { type OrganizationRef, type UnitRef } from '../application/read-models';
import { type Views } from './views';

/** What an organization event changes in its reference. */
function organizationChange(message: OrganizationsMessage): Partial<OrganizationRef> {
  switch (message.type) {
    case 'OrganizationEstablished':
      return {
        name: message.data.name,
        type: message.data.organizationType,
        status: 'active',
        parentId: message.data.parentId,
        district: message.data.region.district,
        street: message.data.region.street,
        community: message.data.region.community,
      };
    case 'OrganizationRenamed':
      return { name: message.data.name };
    case 'OrganizationTypeChanged':
      return { type: message.data.organizationType };
    case 'OrganizationReparented':
      return { parentId: message.data.parentId };
    case 'OrganizationTransferredToDistrict':
      return {
        parentId: message.data.parentId,
        district: message.data.region.district,
        street: message.data.region.street,
        community: message.data.region.community,
      };
    case 'OrganizationMerged':
      return { status: 'merged' };
    case 'OrganizationDissolved':
      return { status: 'dissolved' };
    case 'OrganizationReinstated':
      return { status: 'active' };
    default:
      return {};
  }
}

/** What a unit event changes in its reference. */
function unitChange(message: OrganizationsMessage): Partial<UnitRef> {
  if (message.type !== 'UnitRegistered' && message.type !== 'UnitProfileUpdated') return {};
  const d = message.data;
  return Object.fromEntries(
    Object.entries({ name: d.name, kind: d.kind, region: d.region, buildingId: d.buildingId }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}

const CACHE_MS = 1000;

/**
 * The organization tree and the unit registry as the projects service sees them: a projection of the organizations
 * service's published events (services share events, not databases), one stream at a time (`StreamProjection`), and
 * which organizations cover each unit (`UnitsCovered` / `UnitsUncovered`, written idempotently). Reads are by key,
 * remembered for a second: a scope check walks an organization's ancestors, a handful of key reads.
 */
export class OrganizationDirectory implements Directory {
  private readonly organizationProjection: StreamProjection<OrganizationRef>;
  private readonly unitProjection: StreamProjection<UnitRef>;
  private readonly cache = new Map<string, { at: number; ref: OrganizationRef | null }>();

  constructor(
    private readonly v: Views,
    db: Db,
  ) {
    this.organizationProjection = new StreamProjection({
      db,
      name: 'organization_refs',
      load: (streamId) => this.v.organizations.findOne({ _id: idFromStream(streamId) }),
      versionOf: (ref) => ref?.version ?? 0,
      apply: (envelope, current) => this.applyOrganization(envelope, current),
    });
    this.unitProjection = new StreamProjection({
      db,
      name: 'unit_refs',
      load: (streamId) => this.v.units.findOne({ _id: idFromStream(streamId) }),
      versionOf: (ref) => ref?.version ?? 0,
      apply: (envelope, current) => this.applyUnit(envelope, current),
    });
  }

  /** An organizations-topic event, decoded with the published schema first (one that fails it is poison). */
  async handleOrganization(envelope: IntegrationEnvelope): Promise<void> {
    decodeOrPoison(decodeOrganizationsMessage, envelope);
    await this.organizationProjection.handle(envelope);
  }

  async handleUnit(envelope: IntegrationEnvelope): Promise<void> {
    decodeOrPoison(decodeOrganizationsMessage, envelope);
    await this.unitProjection.handle(envelope);
  }

  private async applyOrganization(envelope: IntegrationEnvelope, current: OrganizationRef | null): Promise<void> {
    const id = idFromStream(envelope.streamId);
    const message = decodeOrPoison(decodeOrganizationsMessage, envelope);
    if (message?.type === 'UnitsCovered')
      await this.v.unitCoverage.bulkWrite(
        message.data.unitIds.map((unitId) => ({
          updateOne: { filter: { _id: unitId }, update: { $addToSet: { organizationIds: id } }, upsert: true },
        })),
      );
    if (message?.type === 'UnitsUncovered')
      await this.v.unitCoverage.bulkWrite(
        message.data.unitIds.map((unitId) => ({
          updateOne: { filter: { _id: unitId }, update: { $pull: { organizationIds: id } } },
        })),
      );
    const next = {
      ...(current ?? { name: '', type: '', status: 'active', parentId: null, district: null }),
      ...(message ? organizationChange(message) : {}),
      _id: id,
      version: envelope.streamVersion,
    } as OrganizationRef;
    await this.v.organizations.replaceOne({ _id: id }, next, { upsert: true });
    this.cache.delete(id);
  }

  private async applyUnit(envelope: IntegrationEnvelope, current: UnitRef | null): Promise<void> {
    const id = idFromStream(envelope.streamId);
    const message = decodeOrPoison(decodeOrganizationsMessage, envelope);
    const next = {
      ...(current ?? {
        name: '',
        kind: 'Other',
        region: { district: null, street: null, community: null },
        buildingId: null,
      }),
      ...(message ? unitChange(message) : {}),
      _id: id,
      version: envelope.streamVersion,
    } as UnitRef;
    await this.v.units.replaceOne({ _id: id }, next, { upsert: true });
  }

  async organization(id: string): Promise<OrganizationRef | null> {
    const cached = this.cache.get(id);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.ref;
    const ref = await this.v.organizations.findOne({ _id: id });
    this.cache.set(id, { at: Date.now(), ref });
    return ref;
  }

  /** Where an organization sits: its district (the highest on its path that has one) and its path from the root. */
  async scopeOf(organizationId: string): Promise<ScopedTarget> {
    const path: OrganizationRef[] = [];
    for (let at = await this.organization(organizationId); at && !path.some((p) => p._id === at!._id);) {
      path.unshift(at);
      at = at.parentId ? await this.organization(at.parentId) : null;
    }
    // the highest on the path that has one: a whole-organization transfer updates the moved organization only
    const district = path.find((o) => o.district)?.district ?? null;
    return { district, organizationPath: path.map((o) => o._id) };
  }

  async unit(id: string): Promise<UnitRef | null> {
    return this.v.units.findOne({ _id: id });
  }

  async coveringOrganizations(unitId: string): Promise<string[]> {
    return [...((await this.v.unitCoverage.findOne({ _id: unitId }))?.organizationIds ?? [])];
  }
}
