import { type CouncilView } from '../application/councils/council.queries';
import { type CouncilModel } from './council.types';

const ref = (id: string) => ({ id });

export function toCouncil(view: CouncilView): CouncilModel {
  const c = view.state;
  const unitOf = (m: (typeof c.memberships)[number]) => ({
    unit: ref(m.unitId),
    organization: m.organizationId ? ref(m.organizationId) : null,
    representative: m.representativeMemberId ? ref(m.representativeMemberId) : null,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
  });
  const seatOf = (s: (typeof c.seats)[number]) => ({
    seatId: s.seatId,
    title: s.title,
    unit: ref(s.unitId),
    holder: ref(s.representativeMemberId),
    filledOn: s.filledOn,
    vacatedOn: s.vacatedOn,
  });
  return {
    id: c.councilId,
    name: c.name,
    kind: c.councilKind,
    level: c.level,
    convener: ref(c.convenerOrganizationId),
    region: { ...c.region },
    convenedOn: c.convenedOn,
    memberUnits: c.memberships.filter((m) => m.leftOn === null).map(unitOf),
    memberUnitHistory: c.memberships.map(unitOf),
    committee: c.seats.filter((s) => s.vacatedOn === null).map(seatOf),
    committeeHistory: c.seats.map(seatOf),
    sessions: c.sessions.map((s) => ({
      sessionId: s.sessionId,
      heldOn: s.heldOn,
      attendingUnits: s.attendingUnitIds.map(ref),
      resolutions: s.resolutions.map((r) => ({ ...r })),
    })),
    version: view.version,
  };
}
