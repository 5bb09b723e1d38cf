import { randomUUID } from 'node:crypto';
import { exampleMessage } from '@lianjian/contracts';
import { type IntegrationEnvelope, PoisonMessageError } from '@lianjian/messaging';
import { PROJECTS_EVENTS } from '@lianjian/projects-contracts';
import { InMemoryProjectActivity } from '../testing/in-memory-ports';
import { ProjectSignInsProjection } from './project-sign-ins.projection';

// The project sign-in projection on an in-memory read model: what ProjectSignedIn writes, each sign-in counted once.
const message = (type: string, data: Record<string, unknown> = {}): IntegrationEnvelope => {
  const example = exampleMessage(
    PROJECTS_EVENTS.find((m) => m.type === type)!,
    'projects',
  ) as unknown as IntegrationEnvelope;
  return { ...example, eventId: randomUUID(), data: { ...example.data, ...data } };
};
const signedIn = (projectId: string, signInId: string, memberId: string | null, on: string) =>
  message('ProjectSignedIn', { projectId, signInId, kind: memberId ? 'Member' : 'Volunteer', memberId, on });

describe('project sign-ins projection (in-memory read model)', () => {
  it("keeps a member's sign-ins by project and sign-in, counts each once and moves the last day forward only", async () => {
    const store = new InMemoryProjectActivity();
    const projection = new ProjectSignInsProjection(store);
    await projection.handle(signedIn('p-1', 'si-1', 'm-1', '2026-05-10'));
    await projection.handle(signedIn('p-1', 'si-1', 'm-1', '2026-05-10')); // redelivered
    await projection.handle(signedIn('p-2', 'si-1', 'm-1', '2026-04-01')); // another project's sign-in, earlier
    await projection.handle(signedIn('p-1', 'si-2', 'm-2', '2026-05-11'));
    await projection.handle(signedIn('p-1', 'si-3', null, '2026-05-11')); // a volunteer: not the members service's

    expect([...store.signIns.values()]).toEqual([
      { _id: 'p-1/si-1', projectId: 'p-1', signInId: 'si-1', memberId: 'm-1', on: '2026-05-10' },
      { _id: 'p-2/si-1', projectId: 'p-2', signInId: 'si-1', memberId: 'm-1', on: '2026-04-01' },
      { _id: 'p-1/si-2', projectId: 'p-1', signInId: 'si-2', memberId: 'm-2', on: '2026-05-11' },
    ]);
    expect(await store.activityOf(['m-1', 'm-2', 'm-3'])).toEqual(
      new Map([
        ['m-1', { _id: 'm-1', signIns: 2, lastOn: '2026-05-10' }],
        ['m-2', { _id: 'm-2', signIns: 1, lastOn: '2026-05-11' }],
      ]),
    );
  });

  it("ignores the topic's other events and refuses one that fails the published schema as poison", async () => {
    const store = new InMemoryProjectActivity();
    const projection = new ProjectSignInsProjection(store);
    for (const other of PROJECTS_EVENTS.filter((m) => m.type !== 'ProjectSignedIn'))
      await projection.handle(exampleMessage(other, 'projects') as unknown as IntegrationEnvelope);
    expect(store.signIns.size).toBe(0);

    // a Member sign-in without its member id, a volunteer's with a name: both fail the schema
    await expect(projection.handle(message('ProjectSignedIn', { memberId: null }))).rejects.toThrow(PoisonMessageError);
    await expect(
      projection.handle(message('ProjectSignedIn', { kind: 'Volunteer', memberId: null, name: '志愿者' })),
    ).rejects.toThrow(PoisonMessageError);
    expect(store.signIns.size).toBe(0);
  });
});
