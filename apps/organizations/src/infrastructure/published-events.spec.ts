import { type Assert, type Equal, type MismatchedPayloads, type Payloads, exampleMessage } from '@lianjian/contracts';
import {
  ORGANIZATIONS_EVENTS,
  type OrganizationsMessage,
  decodeOrganizationsMessage,
} from '@lianjian/organizations-contracts';
import {
  type BuildingEvent,
  type MeetingEvent,
  type OrganizationEvent,
  type OrganizationState,
  type ServicePointEvent,
  type UnitEvent,
  DEFAULT_RULES,
  decideOrganization,
  evolveOrganization,
} from '@lianjian/organizations-domain';

// The domain's event unions stay pure (no contract or framework import); the published contract is defined on its
// own (libs/organizations/contracts) and checked against them here, at compile time: the same event types, and for
// each type the same payload (readonly aside). A field added on one side only fails `npm run typecheck` (ADR 0016).
type DomainEvent = OrganizationEvent | UnitEvent | BuildingEvent | ServicePointEvent | MeetingEvent;
type Published = Payloads<OrganizationsMessage>;
type Decided = Payloads<DomainEvent>;
const _sameTypes: Assert<Equal<keyof Published, keyof Decided>> = true;
const _samePayloads: Assert<Equal<MismatchedPayloads<Decided, Published>, never>> = true;

describe('the organizations service publishes its domain events as its contract defines them', () => {
  it('decides events that decode with the published schemas (the values, beyond the types)', () => {
    const region = { district: 'huangpu', street: 'waitan', community: null };
    const dated = { today: '2026-11-22', rules: DEFAULT_RULES };
    const parent = {
      id: 'street-1',
      type: 'WorkingCommittee' as const,
      status: 'active' as const,
      region,
      ancestorIds: [],
      establishedOn: '2020-01-01',
    };
    const established = decideOrganization(
      {
        kind: 'EstablishOrganization',
        organizationId: 'b-1',
        name: '外滩街道第一党支部',
        organizationType: 'Branch',
        parent,
        region,
        buildingId: null,
        establishedOn: '2020-07-01',
        documentNumber: '沪黄组〔2020〕12号',
        unitIds: ['u-1'],
        fullMembersInUnits: 3,
        ...dated,
      },
      null,
    );
    const state = established.reduce<OrganizationState>((s, e) => evolveOrganization(s, e), null);
    const renamed = decideOrganization(
      { kind: 'RenameOrganization', name: '外滩街道联合党支部', effectiveOn: '2024-03-01', ...dated },
      state,
    );
    const events = [...established, ...renamed];
    expect(events.map((e) => e.type)).toEqual(['OrganizationEstablished', 'UnitsCovered', 'OrganizationRenamed']);
    for (const event of events) {
      const definition = ORGANIZATIONS_EVENTS.find((m) => m.type === event.type)!;
      const message = { ...exampleMessage(definition, 'organizations'), data: event.data };
      expect(decodeOrganizationsMessage(message)).toEqual(message);
    }
  });
});
