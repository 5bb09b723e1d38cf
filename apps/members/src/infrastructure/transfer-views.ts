import { type Collection, type Filter } from 'mongodb';
import { findByKeys, isDuplicateKeyError } from '@lianjian/event-store';
import { type IsoDate } from '@lianjian/members-domain';
import {
  type TransferReadModel,
  type TransferReservations,
  type TransferSelector,
  type TransferWriter,
} from '../application/ports';
import { type TransferView } from '../application/read-models';

/** Most transfers `Member.transfers` returns per member (a member transfers a few times in a life). */
const MAX_PER_MEMBER = 100;

/** The transfers read model on MongoDB: by key, and the lists by their indexes (views.ts `createViewIndexes`). */
export class MongoTransferViews implements TransferReadModel, TransferWriter {
  constructor(private readonly transfers: Collection<TransferView>) {}

  get(transferId: string): Promise<TransferView | null> {
    return this.transfers.findOne({ _id: transferId });
  }

  byIds(transferIds: readonly string[]): Promise<TransferView[]> {
    return findByKeys(this.transfers, [...transferIds]);
  }

  /** Each view's folded fields; `memberLanded` is the landing's, never overwritten by the fold. */
  async save(views: readonly TransferView[]): Promise<void> {
    await this.transfers.bulkWrite(
      views.map(({ memberLanded: _landed, ...view }) => ({
        updateOne: { filter: { _id: view._id }, update: { $set: view }, upsert: true },
      })),
      { ordered: false },
    );
  }

  async markLanded(transferId: string): Promise<void> {
    await this.transfers.updateOne({ _id: transferId }, { $set: { memberLanded: true } }, { upsert: true });
  }

  async page(selector: TransferSelector, first: number, afterId: string | null) {
    const filter = filterOf(selector);
    const [items, totalCount] = await Promise.all([
      this.transfers
        .find(afterId ? { $and: [filter, { _id: { $gt: afterId } }] } : filter)
        .sort({ _id: 1 })
        .limit(first + 1)
        .toArray(),
      this.transfers.countDocuments(filter),
    ]);
    return { items: items.slice(0, first), hasNextPage: items.length > first, totalCount };
  }

  async firstPagesBySide(
    side: 'fromOrganizationId' | 'toOrganizationId' | 'nextApproverId',
    organizationIds: readonly string[],
    selector: TransferSelector,
    first: number,
  ) {
    const groups = await this.transfers
      .aggregate<{ _id: string; items: TransferView[]; totalCount: number }>([
        { $match: { ...filterOf(selector), [side]: { $in: [...organizationIds] } } },
        { $sort: { _id: 1 } },
        { $group: { _id: `$${side}`, items: { $push: '$$ROOT' }, totalCount: { $sum: 1 } } },
        { $project: { totalCount: 1, items: { $slice: ['$items', first + 1] } } },
      ])
      .toArray();
    const pages = new Map(
      organizationIds.map((id) => [id, { items: [] as TransferView[], hasNextPage: false, totalCount: 0 }]),
    );
    for (const g of groups)
      pages.set(g._id, {
        items: g.items.slice(0, first),
        hasNextPage: g.items.length > first,
        totalCount: g.totalCount,
      });
    return pages;
  }

  async ofMembers(memberIds: readonly string[]): Promise<TransferView[]> {
    if (!memberIds.length) return [];
    return this.transfers
      .find({ memberId: { $in: [...memberIds] } })
      .sort({ initiatedOn: -1, _id: -1 })
      .limit(MAX_PER_MEMBER * memberIds.length)
      .toArray();
  }

  pastValidity(today: IsoDate, limit: number, after: TransferView | null = null): Promise<TransferView[]> {
    const next = after?.validUntil
      ? {
          $or: [
            { validUntil: { $gt: after.validUntil, $lt: today } },
            { validUntil: after.validUntil, _id: { $gt: after._id } },
          ],
        }
      : { validUntil: { $lt: today } };
    return this.transfers
      .find({ status: 'LetterIssued', ...next })
      .sort({ validUntil: 1, _id: 1 })
      .limit(limit)
      .toArray();
  }

  acceptedNotLanded(limit: number): Promise<TransferView[]> {
    return this.transfers
      .find({ status: 'Landed', memberLanded: { $ne: true } })
      .limit(limit)
      .toArray();
  }
}

function filterOf(s: TransferSelector): Filter<TransferView> {
  const f: Record<string, unknown> = {};
  if (s.fromOrganizationIds) f.fromOrganizationId = { $in: [...s.fromOrganizationIds] };
  if (s.toOrganizationIds) f.toOrganizationId = { $in: [...s.toOrganizationIds] };
  if (s.fromDistrict) f.fromDistrict = s.fromDistrict;
  if (s.toDistrict) f.toDistrict = s.toDistrict;
  if (s.nextApproverIds) f.nextApproverId = { $in: [...s.nextApproverIds] };
  if (s.memberId) f.memberId = s.memberId;
  if (s.statuses) f.status = { $in: [...s.statuses] };
  if (s.validUntilFrom || s.validUntilTo)
    f.validUntil = {
      ...(s.validUntilFrom && { $gte: s.validUntilFrom }),
      ...(s.validUntilTo && { $lte: s.validUntilTo }),
    };
  if (s.expectedReportBefore) f.expectedReportOn = { $lt: s.expectedReportBefore };
  return f;
}

/** A member's reservation by the transfer under way (`_id`: the member). */
export interface TransferReservationDocument {
  readonly _id: string;
  readonly transferId: string;
  readonly reservedAt: Date;
}

/** One transfer under way per member, by a unique key: the member id is the document id. */
export class MongoTransferReservations implements TransferReservations {
  constructor(private readonly reservations: Collection<TransferReservationDocument>) {}

  async reserve(memberId: string, transferId: string): Promise<string | null> {
    try {
      await this.reservations.insertOne({ _id: memberId, transferId, reservedAt: new Date() });
      return null;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.reservations.findOne({ _id: memberId }))?.transferId ?? null;
    }
  }

  async takeOver(memberId: string, fromTransferId: string, toTransferId: string): Promise<boolean> {
    const taken = await this.reservations.updateOne(
      { _id: memberId, transferId: fromTransferId },
      { $set: { transferId: toTransferId, reservedAt: new Date() } },
    );
    return taken.modifiedCount === 1;
  }
}
