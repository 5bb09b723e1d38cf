import { type Caller, canRead } from '@lianjian/auth';
import { type Pairing } from '@lianjian/projects-domain';
import { type Directory, type ProjectsReadModel } from '../ports';
import { type StreamView } from '../read-models';

export type PairingView = StreamView<Pairing>;

/** Pairings to read: whoever may read either organization sees the pairing. */
export class PairingQueries {
  constructor(
    private readonly read: ProjectsReadModel,
    private readonly directory: Directory,
  ) {}

  async pairing(caller: Caller, pairingId: string): Promise<PairingView | null> {
    await this.read.reachOwnWrites();
    const view = await this.read.view<Pairing>('pairing', pairingId);
    return view?.state && (await this.canRead(caller, view.state)) ? view : null;
  }

  /** The pairings of each organization the caller may see, for a page of organizations at once (one list read). */
  async pairingsOf(caller: Caller, organizationIds: readonly string[]): Promise<Map<string, PairingView[]>> {
    await this.read.reachOwnWrites();
    const entries = await this.read.entries('pairings-of-organization', organizationIds);
    const views = await this.read.views<Pairing>('pairing', [...new Set(entries.map((e) => e.id))]);
    const allowed = await Promise.all(views.map((v) => this.canRead(caller, v.state)));
    const byId = new Map(views.filter((_, i) => allowed[i]).map((v) => [v._id, v]));
    const result = new Map<string, PairingView[]>(organizationIds.map((id) => [id, []]));
    for (const e of [...entries].sort((a, b) => a.value.localeCompare(b.value) || a.id.localeCompare(b.id))) {
      const view = byId.get(e.id);
      if (view) result.get(e.key)?.push(view);
    }
    return result;
  }

  private async canRead(caller: Caller, pairing: Pairing): Promise<boolean> {
    for (const id of pairing.organizationIds) if (canRead(caller, await this.directory.scopeOf(id))) return true;
    return false;
  }
}
