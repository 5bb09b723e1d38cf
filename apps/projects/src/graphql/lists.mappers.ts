import { type NeedOutcome } from '@lianjian/projects-domain';
import { type NeedMatchView } from '../application/lists/matching.queries';
import { type NeedView } from '../application/lists/needs.queries';
import { type ResourceView } from '../application/lists/resources.queries';
import { type PairingView } from '../application/pairings/pairing.queries';
import { type NeedMatchModel, type NeedModel, type NeedOutcomeModel, type ResourceModel } from './lists.types';
import { type PairingModel } from './pairing.types';

const ref = (id: string) => ({ id });

export function toNeed(view: NeedView): NeedModel {
  const n = view.state;
  return {
    id: n.needId,
    councilId: n.councilId,
    kind: n.needKind,
    category: n.category,
    title: n.title,
    description: n.description,
    place: n.place,
    submitterKind: n.submitterKind,
    unit: n.unitId ? ref(n.unitId) : null,
    channel: n.channel,
    hasContact: n.contact !== null,
    submittedOn: n.submittedOn,
    status: n.status,
    projectId: n.projectId,
    claimedBy: n.claimedByUnitId ? ref(n.claimedByUnitId) : null,
    declineReason: n.declineReason,
    since: n.lastStepOn,
    version: view.version,
  };
}

export function toNeedOutcome(o: NeedOutcome): NeedOutcomeModel {
  return {
    needId: o.needId,
    kind: o.needKind,
    status: o.status,
    since: o.since,
    projectId: o.projectId,
    claimedBy: o.claimedByUnitId ? ref(o.claimedByUnitId) : null,
    reason: o.reason,
  };
}

export function toResource(view: ResourceView): ResourceModel {
  const r = view.state;
  return {
    id: r.resourceId,
    councilId: r.councilId,
    unit: ref(r.unitId),
    kind: r.resourceKind,
    title: r.title,
    quantity: r.quantity,
    remaining: r.remaining,
    measure: r.measure,
    categories: [...r.categories],
    place: r.place,
    availableFrom: r.availableFrom,
    availableUntil: r.availableUntil,
    conditions: r.conditions,
    offeredOn: r.offeredOn,
    withdrawnOn: r.withdrawnOn,
    commitments: r.commitments.map((c) => ({ ...c })),
    version: view.version,
  };
}

export function toNeedMatch(m: NeedMatchView): NeedMatchModel {
  return {
    need: toNeed(m.need),
    resources: m.resources.map((r) => ({
      resource: toResource(r.resource),
      nearness: r.nearness,
      remaining: r.remaining,
    })),
  };
}

export function toPairing(view: PairingView): PairingModel {
  const p = view.state;
  return {
    id: p.pairingId,
    councilId: p.councilId,
    organizations: p.organizationIds.map(ref),
    commitments: p.commitments.map((c) => ({ organization: ref(c.organizationId), commitment: c.commitment })),
    from: p.from,
    until: p.until,
    endedOn: p.endedOn,
    endReason: p.endReason,
    version: view.version,
  };
}
