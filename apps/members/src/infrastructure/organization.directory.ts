import { type ScopedTarget } from '@lianjian/auth';
import { type Db } from 'mongodb';
import { type IntegrationEnvelope, StreamProjection, decodeOrPoison } from '@lianjian/messaging';
import { type OrganizationsMessage, decodeOrganizationsMessage, idFromStream } from '@lianjian/organizations-contracts';
import { type OrganizationLookup } from '../application/ports';
import { type OrganizationRef, type Views } from './views';

/** What an organizations event changes in the organization's reference: read from the typed, validated message. */
function refChange(message: OrganizationsMessage): Partial<OrganizationRef> {
  switch (message.type) {
    case 'OrganizationEstablished': {
      const d = message.data;
      return {
        name: d.name,
        type: d.organizationType,
        status: 'active',
        parentId: d.parentId,
        district: d.region.district,
        establishedOn: d.establishedOn,
      };
    }
    case 'OrganizationRenamed':
      return { name: message.data.name };
    case 'OrganizationTypeChanged':
      return { type: message.data.organizationType };
    case 'OrganizationReparented':
      return { parentId: message.data.parentId };
    case 'OrganizationTransferredToDistrict':
      return { parentId: message.data.parentId, district: message.data.region.district };
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

interface DirectoryRevision {
  _id: string;
  changes: number;
}

/**
 * The organization tree as the members service sees it: a projection of the organizations service's published
 * events (services share events, not databases), kept in MongoDB and in memory for scope checks.
 *
 * Each event this instance projects updates its memory at once. Every change also counts on one revision document;
 * an instance reloads the tree only when the count shows a change that another instance projected (one key lookup
 * at most once per `checkEveryMs`), so a single instance never reloads after its first load.
 */
export class OrganizationDirectory implements OrganizationLookup {
  private byId = new Map<string, OrganizationRef>();
  /** Each organization's scope district (see `scopeOf`), recomputed after a change. */
  private districts = new Map<string, string | null>();
  private districtsStale = true;
  private revision = -1;
  private checkedAt = 0;
  private loading: Promise<void> | null = null;
  private readonly projection: StreamProjection<OrganizationRef>;
  private readonly revisions;

  constructor(
    private readonly v: Views,
    db: Db,
    private readonly checkEveryMs = 1000,
  ) {
    this.revisions = db.collection<DirectoryRevision>('organization_directory_revision');
    this.projection = new StreamProjection({
      db,
      name: 'organization_refs',
      load: (streamId) => this.v.organizations.findOne({ _id: idFromStream(streamId) }),
      versionOf: (org) => org?.version ?? 0,
      apply: (envelope, current) => this.apply(envelope, current),
    });
  }

  /**
   * Projects one organization event: the next version of its organization, or parked after a gap. The event is
   * decoded with the organizations service's published schema first: one that fails it is poison (`invalid`).
   */
  async handle(envelope: IntegrationEnvelope): Promise<void> {
    decodeOrPoison(decodeOrganizationsMessage, envelope);
    await this.projection.handle(envelope);
  }

  private async apply(envelope: IntegrationEnvelope, current: OrganizationRef | null): Promise<void> {
    const id = idFromStream(envelope.streamId);
    const message = decodeOrPoison(decodeOrganizationsMessage, envelope);
    const set = message ? refChange(message) : {}; // a type published after this version changes nothing
    const next = { ...(current ?? {}), ...set, _id: id, version: envelope.streamVersion } as OrganizationRef;
    await this.v.organizations.replaceOne({ _id: id }, next, { upsert: true });
    const counted = await this.revisions.findOneAndUpdate(
      { _id: 'revision' },
      { $inc: { changes: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    this.byId.set(id, next);
    this.districtsStale = true;
    // only this instance's change since the last look: memory is current; otherwise the next read reloads
    if (counted && counted.changes === this.revision + 1) this.revision = counted.changes;
  }

  async get(id: string): Promise<OrganizationRef | null> {
    await this.fresh();
    return this.byId.get(id) ?? null;
  }

  /** From the root down to the organization itself. */
  async path(id: string): Promise<string[]> {
    await this.fresh();
    return this.pathOf(id);
  }

  /**
   * The organization's district: the highest organization on its path that has one (a whole-organization
   * transfer updates the moved organization; its subtree follows it through the path).
   */
  async scopeOf(id: string): Promise<ScopedTarget> {
    const path = await this.path(id);
    return { district: this.districts.get(id) ?? null, organizationPath: path };
  }

  async subtreeIds(rootId: string): Promise<string[]> {
    await this.fresh();
    const children = new Map<string, string[]>();
    for (const org of this.byId.values())
      if (org.parentId) children.set(org.parentId, [...(children.get(org.parentId) ?? []), org._id]);
    const ids: string[] = [];
    const queue = this.byId.has(rootId) ? [rootId] : [];
    while (queue.length) {
      const next = queue.shift()!;
      if (ids.includes(next)) continue;
      ids.push(next);
      queue.push(...(children.get(next) ?? []));
    }
    return ids;
  }

  async allIds(): Promise<string[]> {
    await this.fresh();
    return [...this.byId.keys()];
  }

  async idsInDistrict(district: string): Promise<string[]> {
    await this.fresh();
    return [...this.districts].filter(([, d]) => d === district).map(([id]) => id);
  }

  private pathOf(id: string): string[] {
    const path: string[] = [];
    for (
      let at = this.byId.get(id);
      at && !path.includes(at._id);
      at = at.parentId ? this.byId.get(at.parentId) : undefined
    )
      path.unshift(at._id);
    return path;
  }

  private async fresh(): Promise<void> {
    if (this.revision >= 0 && Date.now() - this.checkedAt < this.checkEveryMs) return this.districtsCurrent();
    this.loading ??= (async () => {
      const revision = (await this.revisions.findOne({ _id: 'revision' }))?.changes ?? 0;
      this.checkedAt = Date.now();
      if (revision !== this.revision) {
        const all = await this.v.organizations.find({}).toArray();
        this.byId = new Map(all.map((o) => [o._id, o]));
        this.revision = revision;
        this.districtsStale = true;
      }
    })().finally(() => {
      this.loading = null;
    });
    await this.loading;
    this.districtsCurrent();
  }

  private districtsCurrent(): void {
    if (!this.districtsStale) return;
    this.districts = new Map(
      [...this.byId.keys()].map((id) => [
        id,
        this.pathOf(id)
          .map((p) => this.byId.get(p)?.district ?? null)
          .find((d) => d !== null) ?? null,
      ]),
    );
    this.districtsStale = false;
  }
}
