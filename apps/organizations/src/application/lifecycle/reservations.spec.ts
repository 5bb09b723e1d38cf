import { randomUUID } from 'node:crypto';
import { ExpectedVersion } from '@lianjian/event-store';
import { testCaller as caller } from '@lianjian/testing';
import { establishedTree, inMemoryApplication } from '../../testing/in-memory-application';

// The cross-stream race of ADR 0008, one interleaving at a time: a subordinate placed below an organization at the
// moment that organization is dissolved. (apps/organizations/src/tree-race.int-spec.ts runs it for real.)

const CITY = caller('CITY_ADMIN');
const region = { district: 'huangpu', street: 'nanjing-east', community: 'guizhou' };
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal, but the command was accepted');
    },
    (error: unknown) => error,
  );
const group = (organizationId: string) => ({
  organizationId,
  name: '第一党小组',
  organizationType: 'PartyGroup' as const,
  parentId: 'b-1',
  region,
  establishedOn: '2024-01-01',
  documentNumber: 'g-1',
});
const dissolveB1 = { organizationId: 'b-1', reason: '撤销', documentNumber: 'd-1', effectiveOn: '2024-06-01' };
const onGate = (app: ReturnType<typeof inMemoryApplication>, organizationId: string, type: string, data: object) =>
  app.store.append(
    `gate-organization-${organizationId}`,
    ExpectedVersion.any,
    [{ eventId: randomUUID(), type, data: { organizationId, ...data } }],
    { commitId: randomUUID(), actor: 'another instance', district: 'huangpu', correlationId: null, causationId: null },
  );

describe('placing below an organization while it is dissolved (ADR 0008), on in-memory ports', () => {
  it('refuses a subordinate below a parent dissolved a moment ago, which the read models still show active', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    await app.lifecycle.dissolve(CITY, dissolveB1); // the views are not told: as if the projection had not caught up
    expect((await app.views.organizations.byId('b-1'))?.status).toBe('active');
    expect(await refusal(app.lifecycle.establish(CITY, group('pg-1')))).toMatchObject({
      code: 'PARENT_NOT_ACTIVE',
      field: 'parentId',
    });
    expect(await app.store.streamVersion('organization-pg-1')).toBe(0);
  });

  it('refuses to dissolve while a subordinate has reserved its place and not yet been established', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    // another instance reserved a place below b-1 for pg-1 and is about to append its establishment
    await onGate(app, 'b-1', 'PlaceReserved', {
      subordinateId: 'pg-1',
      purpose: 'Subordinate',
      reservedAt: new Date().toISOString(),
    });
    expect(await refusal(app.lifecycle.dissolve(CITY, dissolveB1))).toMatchObject({
      code: 'ORGANIZATION_HAS_CHILDREN',
      field: 'organizationId',
    });
    expect(await app.store.streamVersion('organization-b-1')).toBe(1);
    // nor make it a type without subordinates
    expect(
      await refusal(
        app.lifecycle.changeType(CITY, {
          organizationId: 'b-1',
          organizationType: 'ProvisionalBranch',
          effectiveOn: '2024-02-01',
        }),
      ),
    ).toMatchObject({ code: 'ORGANIZATION_HAS_CHILDREN', field: 'organizationType' });
  });

  it('lets a reservation whose command never completed stop holding after a minute', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    await onGate(app, 'b-1', 'PlaceReserved', {
      subordinateId: 'lost',
      purpose: 'Subordinate',
      reservedAt: new Date(Date.now() - 61_000).toISOString(),
    });
    expect(await app.lifecycle.dissolve(CITY, dissolveB1)).toMatchObject({ status: 'dissolved' });
  });

  it('lifts its fence when the closing command is refused: subordinates can be placed again at once', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    app.views.roster('org', 'b-1', [{ memberId: 'm-1', stage: 'FullMember', status: 'Normal', counted: true }]);
    expect(await refusal(app.lifecycle.dissolve(CITY, dissolveB1))).toMatchObject({ code: 'ORGANIZATION_HAS_MEMBERS' });
    expect((await app.store.readStream('gate-organization-b-1')).map((e) => e.type)).toEqual([
      'GateFenced',
      'GateFenceLifted',
    ]);
    expect(await app.establish(CITY, group('pg-1'))).toMatchObject({ parentId: 'b-1' });
  });

  it('counts a completed reservation as the child it placed', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    await app.establish(CITY, group('pg-1'));
    expect(await refusal(app.lifecycle.dissolve(CITY, dissolveB1))).toMatchObject({
      code: 'ORGANIZATION_HAS_CHILDREN',
    });
  });

  it('refuses to place a subordinate while a dissolution holds the fence, then takes it once the fence expires', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    await onGate(app, 'b-1', 'GateFenced', { fencedAt: new Date().toISOString(), by: 'a closer' });
    expect(await refusal(app.lifecycle.establish(CITY, group('pg-1')))).toMatchObject({
      code: 'PARENT_NOT_ACTIVE',
      field: 'parentId',
    });
    const app2 = inMemoryApplication();
    await establishedTree(app2, CITY);
    await onGate(app2, 'b-1', 'GateFenced', { fencedAt: new Date(Date.now() - 61_000).toISOString(), by: 'died' });
    expect(await app2.establish(CITY, group('pg-1'))).toMatchObject({ parentId: 'b-1' });
  });
});
