import { type AppendContext, handleCommand } from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import {
  type IsoDate,
  MemberRuleViolation,
  type TransferCause,
  type TransferScope,
  transferScopeOf,
} from '@lianjian/members-domain';
import pMap from 'p-map';
import { type MemberCommandSupport, memberDecider } from '../member-command-support';

/** The organization events that move members with their organization. */
export type OrganizationMove =
  | {
      readonly kind: 'TransferredToDistrict';
      readonly eventId: string;
      readonly organizationId: string;
      readonly fromDistrict: string | null;
      readonly toDistrict: string | null;
      readonly effectiveOn: IsoDate;
    }
  | {
      readonly kind: 'Merged';
      readonly eventId: string;
      readonly organizationId: string;
      readonly mergedIntoId: string;
      readonly effectiveOn: IsoDate;
    };

const MOVES_IN_FLIGHT = 8;

/**
 * Members move with their organization (整建制转移, 合并): when a whole organization moves to another district, every
 * member of its subtree stays in their branch and changes district; when a branch merges into another, its members
 * move to the target. Each member's stream says why (`MemberTransferred`, cause OrganizationMoved or
 * OrganizationMerged), once per organization event (its id names the move), so a redelivered event moves nobody twice.
 */
export class OrganizationMoves {
  constructor(private readonly support: MemberCommandSupport) {}

  async follow(move: OrganizationMove): Promise<number> {
    const { ports } = this.support;
    await ports.ownWrites.reachOwnWrites();
    const organizations =
      move.kind === 'Merged' ? [move.organizationId] : await ports.directory.subtreeIds(move.organizationId);
    const entries = await ports.rosters.entries(organizations);
    let scope: TransferScope = 'AcrossDistricts';
    let toDistrict = move.kind === 'TransferredToDistrict' ? move.toDistrict : null;
    let fromDistrict = move.kind === 'TransferredToDistrict' ? move.fromDistrict : null;
    if (move.kind === 'Merged') {
      const place = async (id: string) => ({
        path: await ports.directory.path(id),
        district: (await ports.directory.scopeOf(id)).district,
      });
      const [from, to] = [await place(move.organizationId), await place(move.mergedIntoId)];
      scope = transferScopeOf(from, to);
      [fromDistrict, toDistrict] = [from.district, to.district];
    }
    const cause: TransferCause = move.kind === 'Merged' ? 'OrganizationMerged' : 'OrganizationMoved';
    const today = this.support.today();
    let moved = 0;
    await pMap(
      entries,
      async (entry) => {
        const context: AppendContext = {
          commitId: `${move.eventId}-${entry.memberId}`,
          actor: 'system:organization-moves',
          district: toDistrict,
          correlationId: move.eventId,
          causationId: move.eventId,
        };
        try {
          const handled = await handleCommand(
            ports.store,
            memberStreamId(entry.memberId),
            memberDecider,
            {
              kind: 'LandTransfer',
              transferId: `org-${move.eventId}`,
              cause,
              scope,
              fromOrganizationId: entry.organizationId,
              fromDistrict,
              toOrganizationId: move.kind === 'Merged' ? move.mergedIntoId : entry.organizationId,
              toDistrict,
              transferredOn: move.effectiveOn > today ? today : move.effectiveOn,
              today,
            },
            context,
            { replayable: true },
          );
          if (handled.events.length) moved += 1;
        } catch (error) {
          // a member whose membership ended stays in history where they were
          if (!(error instanceof MemberRuleViolation)) throw error;
        }
      },
      { concurrency: MOVES_IN_FLIGHT },
    );
    if (moved) ports.onAppended();
    return moved;
  }
}
