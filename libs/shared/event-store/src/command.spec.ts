import { commandContext, commandHandleOptions, deciderOf, expectedVersionOf } from './command';

type Counted = { type: 'Counted'; data: { by: number } };

describe('command plumbing', () => {
  it('takes the client command id as commit and correlation id, or makes a new one', () => {
    expect(commandContext('city_admin-1', { commandId: 'c-1' }, 'huangpu')).toEqual({
      commitId: 'c-1',
      actor: 'city_admin-1',
      district: 'huangpu',
      correlationId: 'c-1',
      causationId: null,
    });
    const fresh = commandContext('s', { commandId: null }, null);
    expect(fresh.commitId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.correlationId).toBe(fresh.commitId);
    expect(commandContext('s', {}, null).commitId).not.toBe(fresh.commitId);
  });

  it('passes an expected version only when the client gave one (0 included)', () => {
    expect(expectedVersionOf({})).toEqual({});
    expect(expectedVersionOf({ expectedVersion: null })).toEqual({});
    expect(expectedVersionOf({ expectedVersion: 0 })).toEqual({ expectedVersion: 0 });
    expect(expectedVersionOf({ expectedVersion: 7 })).toEqual({ expectedVersion: 7 });
  });

  it("adapts a domain's decide and evolve to the store's decider", () => {
    const decider = deciderOf<number, number, Counted>(
      (by) => (by === 0 ? [] : [{ type: 'Counted', data: { by } }]),
      (state, event) => state + event.data.by,
      () => 0,
    );
    expect(decider.initialState()).toBe(0);
    expect(decider.decide(0, 0)).toEqual([]);
    expect(decider.decide(2, 0)).toEqual([{ type: 'Counted', data: { by: 2 } }]);
    const recorded = { type: 'Counted', data: { by: 3 } } as unknown as Parameters<typeof decider.evolve>[1];
    expect(decider.evolve(4, recorded)).toBe(7);
  });
});

describe('command handle options', () => {
  const decider = deciderOf<number, number, Counted>(
    () => [],
    (s) => s,
    () => 0,
  );
  const loaded = { state: 3, version: 4 };
  const snapshots = { schemaVersion: 1, every: 50 };

  it('starts a new aggregate from its initial state, never replaying (its id was just made)', () => {
    expect(commandHandleOptions({ commandId: 'c-1' }, decider, 'new')).toEqual({
      loaded: { state: 0, version: 0 },
      replayable: false,
    });
  });

  it('decides first on the aggregate as loaded, replaying a command id the client chose', () => {
    expect(commandHandleOptions({ commandId: 'c-1', expectedVersion: 4 }, decider, loaded, snapshots)).toEqual({
      expectedVersion: 4,
      snapshots,
      loaded,
      replayable: true,
    });
    expect(commandHandleOptions({}, decider, loaded)).toEqual({ loaded, replayable: false });
  });

  it('lets handleCommand load the aggregate when the command did not', () => {
    expect(commandHandleOptions({ commandId: 'c-1' }, decider, undefined)).toEqual({ replayable: true });
  });
});
