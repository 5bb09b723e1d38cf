import { type GateCommand, type GateEvent, RESERVATION_TTL_MS, decideGate, evolveGate } from './gate';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 8, 0, seconds)).toISOString();
const reserve = (subordinateId: string, seconds: number, purpose: 'Subordinate' | 'Merge' = 'Subordinate') =>
  ({ kind: 'ReservePlace', organizationId: 'p', subordinateId, purpose, reservedAt: at(seconds) }) as GateCommand;
const fence = (seconds: number, settled: string[] = [], purpose: 'Subordinate' | null = null): GateCommand => ({
  kind: 'FenceGate',
  organizationId: 'p',
  by: 'closer',
  now: at(seconds),
  settledSubordinateIds: settled,
  purpose,
});
const run = (commands: GateCommand[]) =>
  commands.reduce<{ state: ReturnType<typeof evolveGate> | null; events: GateEvent[] }>(
    ({ state }, command) => {
      const events = decideGate(command, state);
      return { state: events.reduce(evolveGate, state), events };
    },
    { state: null, events: [] },
  );
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe("an organization's place gate (ADR 0008)", () => {
  it('refuses to fence while a reservation is neither completed nor expired', () => {
    const { state } = run([reserve('c1', 0)]);
    expect(refusal(() => decideGate(fence(30), state))).toMatchObject({
      code: 'ORGANIZATION_HAS_CHILDREN',
      field: 'organizationId',
    });
    expect(decideGate(fence(30, ['c1']), state)).toEqual([
      { type: 'GateFenced', data: { organizationId: 'p', fencedAt: at(30), by: 'closer' } },
    ]);
    expect(decideGate(fence(RESERVATION_TTL_MS / 1000), state)).toHaveLength(1);
  });

  it('refuses a reservation while a fence holds, and takes one once it is lifted or expired', () => {
    const { state } = run([fence(0)]);
    expect(refusal(() => decideGate(reserve('c1', 10), state))).toMatchObject({
      code: 'PARENT_NOT_ACTIVE',
      field: 'parentId',
    });
    expect(refusal(() => decideGate(reserve('c1', 10, 'Merge'), state))).toMatchObject({
      code: 'ORGANIZATION_NOT_ACTIVE',
      field: 'targetId',
    });
    expect(decideGate(reserve('c1', 61), state)).toHaveLength(1);
    const lifted = run([fence(0), { kind: 'LiftFence', organizationId: 'p', by: 'closer' }]).state;
    expect(lifted?.fence).toBeNull();
    expect(decideGate(reserve('c1', 10), lifted)).toHaveLength(1);
    // only the closer that set the fence lifts it
    expect(decideGate({ kind: 'LiftFence', organizationId: 'p', by: 'another' }, state)).toEqual([]);
  });

  it('lets a change to a type without subordinates past a merge reservation, not past a subordinate one', () => {
    expect(decideGate(fence(5, [], 'Subordinate'), run([reserve('m1', 0, 'Merge')]).state)).toHaveLength(1);
    expect(refusal(() => decideGate(fence(5, [], 'Subordinate'), run([reserve('c1', 0)]).state))).toMatchObject({
      code: 'ORGANIZATION_HAS_CHILDREN',
      field: 'organizationType',
    });
  });

  it('keeps the last hour of reservations', () => {
    const { state } = run([reserve('old', 0), reserve('c1', 3000), reserve('c2', 3601)]);
    expect(state?.reservations.map((r) => r.subordinateId)).toEqual(['c1', 'c2']);
  });
});
