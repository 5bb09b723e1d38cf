import { type MemberRulesConfiguration, type IsoDate } from '@lianjian/members-domain';
import { CommunityRegistrationHandlers } from '../application/mobility/community-registration.handlers';
import { MobilityFold } from '../application/mobility/mobility.fold';
import { MobilityHandlers } from '../application/mobility/mobility.handlers';
import {
  type CommunityRegistrationView,
  type MobilityListChange,
  type MobilityListEntry,
  type MobilityListKind,
  type MobilityReadModel,
  type MobilityView,
  type MobilityWriter,
} from '../application/mobility/mobility.ports';
import { MobilityQueries } from '../application/mobility/mobility.queries';
import { MobilitySupport } from '../application/mobility/mobility-support';
import { type OwnWrites } from '../application/ports';
import { MemberSelection } from '../application/queries-support';
import { RevealQuota } from '../application/personal-data/reveal-quota';
import { membersTestWorld } from './in-memory-ports';
import { InMemoryRevealCounter } from './in-memory-reveal-counter';

/** The mobility read models in memory, as infrastructure/mobility.read-models.ts keeps them in MongoDB. */
export class InMemoryMobilityReadModel implements MobilityReadModel, MobilityWriter {
  readonly mobilityById = new Map<string, MobilityView>();
  readonly registrationById = new Map<string, CommunityRegistrationView>();
  readonly lists = new Map<string, Map<string, string>>();

  async mobility(memberId: string): Promise<MobilityView | null> {
    await Promise.resolve();
    return structuredClone(this.mobilityById.get(memberId) ?? null);
  }

  async mobilities(memberIds: readonly string[]): Promise<MobilityView[]> {
    await Promise.resolve();
    return memberIds.flatMap((id) => structuredClone(this.mobilityById.get(id) ?? []));
  }

  async registration(registrationId: string): Promise<CommunityRegistrationView | null> {
    await Promise.resolve();
    return structuredClone(this.registrationById.get(registrationId) ?? null);
  }

  async registrations(registrationIds: readonly string[]): Promise<CommunityRegistrationView[]> {
    await Promise.resolve();
    return registrationIds.flatMap((id) => structuredClone(this.registrationById.get(id) ?? []));
  }

  async entries(kind: MobilityListKind, keys: readonly string[]): Promise<MobilityListEntry[]> {
    await Promise.resolve();
    return keys.flatMap((key) =>
      [...(this.lists.get(`${kind}:${key}`) ?? new Map<string, string>())].map(([id, value]) => ({
        kind,
        key,
        id,
        value,
      })),
    );
  }

  async save(batch: {
    readonly lists: readonly MobilityListChange[];
    readonly mobilities: readonly MobilityView[];
    readonly registrations: readonly CommunityRegistrationView[];
  }): Promise<void> {
    await Promise.resolve();
    for (const change of batch.lists) {
      const id = `${change.kind}:${change.key}`;
      const list = this.lists.get(id) ?? new Map<string, string>();
      this.lists.set(id, list);
      if (change.value === null) list.delete(change.id);
      else list.set(change.id, change.value);
    }
    for (const m of batch.mobilities) this.mobilityById.set(m._id, structuredClone(m));
    for (const r of batch.registrations) this.registrationById.set(r._id, structuredClone(r));
  }
}

/**
 * The members test world (in-memory-ports.ts: `city` → `huangpu` → `b-1`, `huangpu-general`; `xuhui` → `b-2`) with
 * mobility and community registrations wired: the mobility fold follows the store beside the member state, as the
 * member state projection runs both in the service.
 */
export function mobilityTestWorld(rules: MemberRulesConfiguration, today: IsoDate = '2026-06-15') {
  const world = membersTestWorld(rules, today);
  const views = new InMemoryMobilityReadModel();
  const fold = new MobilityFold(world.store, views);
  let checkpoint = 0;
  const ownWrites: OwnWrites = {
    reachOwnWrites: async () => {
      await world.support.ports.ownWrites.reachOwnWrites();
      const commits = await world.store.readAllCommits(checkpoint, Number.MAX_SAFE_INTEGER);
      if (!commits.length) return;
      await fold.apply(commits);
      checkpoint = commits.at(-1)!.globalPosition;
    },
  };
  const selection = new MemberSelection({ ...world.selection.ports, ownWrites });
  const support = new MobilitySupport(world.support);
  return {
    ...world,
    mobilityViews: views,
    mobilityFold: fold,
    project: () => ownWrites.reachOwnWrites(),
    mobility: new MobilityHandlers(support),
    communities: new CommunityRegistrationHandlers(support),
    mobilityQueries: new MobilityQueries(
      selection,
      views,
      world.vault,
      world.audit,
      new RevealQuota(new InMemoryRevealCounter(), { perRequest: 20, perHour: 200 }),
    ),
  };
}
