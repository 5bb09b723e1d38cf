import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type ScopedTarget } from '@lianjian/auth';
import { type IntegrationEnvelope, applyIfNewer } from '@lianjian/messaging';
import { ORGANIZATIONS_TOPICS, idFromStream } from '@lianjian/organizations-contracts';
import { type OrganizationRef, type Views } from './views';

/**
 * The organization tree as the members service sees it: fed from the organizations service's published events
 * (services share events, not databases), cached in memory for scope checks and reloaded when it changes.
 */
export class OrganizationDirectory {
  private byId = new Map<string, OrganizationRef>();
  /** Each organization's scope district, computed once per load (see `scopeOf`). */
  private districts = new Map<string, string | null>();
  private loadedAt = 0;
  private stale = true;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly v: Views,
    private readonly maxAgeMs = 1000,
  ) {}

  /** Applies one organization event (idempotent per organization and version). */
  async handle(envelope: IntegrationEnvelope): Promise<void> {
    const id = idFromStream(envelope.streamId);
    const d = envelope.data;
    const region = d['region'] as { district: string | null } | undefined;
    let set: Partial<OrganizationRef>;
    switch (envelope.type) {
      case 'OrganizationEstablished':
        set = { name: String(d['name']), type: String(d['organizationType']), status: 'active', parentId: (d['parentId'] as string | null) ?? null, district: region?.district ?? null, establishedOn: String(d['establishedOn']) };
        break;
      case 'OrganizationRenamed':
        set = { name: String(d['name']) };
        break;
      case 'OrganizationTypeChanged':
        set = { type: String(d['organizationType']) };
        break;
      case 'OrganizationReparented':
        set = { parentId: String(d['parentId']) };
        break;
      case 'OrganizationTransferredToDistrict':
        set = { parentId: String(d['parentId']), district: region?.district ?? null };
        break;
      case 'OrganizationMerged':
        set = { status: 'merged' };
        break;
      case 'OrganizationDissolved':
        set = { status: 'dissolved' };
        break;
      default:
        set = {};
    }
    await applyIfNewer(this.v.organizations, id, envelope.streamVersion, { $set: set });
    this.stale = true;
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
    for (const org of this.byId.values()) if (org.parentId) children.set(org.parentId, [...(children.get(org.parentId) ?? []), org._id]);
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

  async idsInDistrict(district: string): Promise<string[]> {
    await this.fresh();
    return [...this.districts].filter(([, d]) => d === district).map(([id]) => id);
  }

  private pathOf(id: string): string[] {
    const path: string[] = [];
    for (let at = this.byId.get(id); at && !path.includes(at._id); at = at.parentId ? this.byId.get(at.parentId) : undefined) path.unshift(at._id);
    return path;
  }

  private async fresh(): Promise<void> {
    if (!this.stale && Date.now() - this.loadedAt < this.maxAgeMs) return;
    this.loading ??= (async () => {
      this.stale = false;
      const all = await this.v.organizations.find({}).toArray();
      this.byId = new Map(all.map((o) => [o._id, o]));
      this.districts = new Map(all.map((o) => [o._id, this.pathOf(o._id).map((p) => this.byId.get(p)?.district ?? null).find((d) => d !== null) ?? null]));
      this.loadedAt = Date.now();
    })().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }
}

/** Feeds the directory from the organizations topic (a Nest microservice handler over our Kafka transport). */
@Controller()
export class OrganizationDirectoryController {
  constructor(private readonly directory: OrganizationDirectory) {}

  @EventPattern(ORGANIZATIONS_TOPICS.organization)
  project(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.directory.handle(envelope);
  }
}
