import { type Caller } from '@lianjian/auth';
import { ExpectedVersion, InMemoryEventStore } from '@lianjian/event-store';
import { projectsStreamId } from '@lianjian/projects-contracts';
import {
  type CouncilCommand,
  type NeedCommand,
  DEFAULT_INDICATOR_CONFIGURATION,
  decideCouncil,
  decideNeed,
  evolveNeed,
} from '@lianjian/projects-domain';
import { CommandSupport } from '../common/command-support';
import { CouncilAccess } from '../common/council-access';
import { NEED_DECIDER, NeedCommands } from '../lists/needs.commands';
import { type Directory } from '../ports';
import { type ProjectNeeds, StoreProjectNeeds } from './project-needs';
import { ProjectCommands } from './project.commands';

const today = '2026-06-30';
const ADMIN: Caller = {
  subject: 'city-admin',
  role: 'CITY_ADMIN',
  district: null,
  organizationId: null,
  memberId: null,
};
const region = { district: 'huangpu', street: 'waitan', community: 'ruijin' };
const directory: Directory = {
  organization: () => Promise.resolve(null),
  scopeOf: () => Promise.resolve({ district: 'huangpu', organizationPath: ['city', 'huangpu', 'waitan', 'ruijin'] }),
  unit: () => Promise.resolve(null),
  coveringOrganizations: () => Promise.resolve([]),
};

/** A project in progress from two needs taken up, on an in-memory event store (events appended as decided). */
async function inProgress() {
  const store = new InMemoryEventStore();
  const context = { actor: 'test' };
  const convene: CouncilCommand = {
    kind: 'ConveneCouncil',
    councilId: 'c-1',
    name: '瑞金社区区域化党建联席会议',
    councilKind: 'JointConference',
    level: 'Community',
    convenerOrganizationId: 'ruijin',
    region,
    convenedOn: '2026-01-05',
    today,
  };
  await store.append(projectsStreamId('council', 'c-1'), ExpectedVersion.noStream, decideCouncil(convene, null), {
    ...context,
    commitId: 'c-1',
  });
  for (const needId of ['n-1', 'n-2']) {
    const steps: NeedCommand[] = [
      {
        kind: 'SubmitNeed',
        needId,
        councilId: 'c-1',
        needKind: 'Need',
        category: 'PublicServices',
        title: '加装电梯',
        description: '',
        place: null,
        submitterKind: 'Resident',
        unitId: null,
        contact: null,
        channel: 'Staff',
        submittedOn: '2026-02-01',
        today,
      },
      { kind: 'TakeUpNeed', projectId: 'p-1', takenUpOn: '2026-03-02', today },
    ];
    let state = null as ReturnType<typeof evolveNeed>;
    const events = steps.flatMap((step) => {
      const decided = decideNeed(step, state);
      state = decided.reduce(evolveNeed, state);
      return decided;
    });
    await store.append(projectsStreamId('need', needId), ExpectedVersion.noStream, events, {
      ...context,
      commitId: `need-${needId}`,
    });
  }
  await store.append(
    projectsStreamId('project', 'p-1'),
    ExpectedVersion.noStream,
    [
      {
        type: 'ProjectProposed',
        data: {
          projectId: 'p-1',
          councilId: 'c-1',
          convenerOrganizationId: 'ruijin',
          title: '加装电梯',
          category: 'PublicServices',
          needIds: ['n-1', 'n-2'],
          region,
          proposedOn: '2026-03-02',
        },
      },
      { type: 'ProjectStarted', data: { projectId: 'p-1', startedOn: '2026-03-10' } },
    ],
    { ...context, commitId: 'p-1' },
  );
  const support = new CommandSupport({ store, clock: { today: () => today }, onAppended: () => undefined });
  const access = new CouncilAccess(directory);
  // the contact ports are not used by the services
  const stored = new StoreProjectNeeds(support, new NeedCommands(support, access, {} as never, {} as never));
  let crashes = 1;
  /** The needs' port, crashing once before it serves anything (the process dying after the completion's append). */
  const needs: ProjectNeeds = {
    assertProposable: (...args) => stored.assertProposable(...args),
    takeUp: (...args) => stored.takeUp(...args),
    release: (...args) => stored.release(...args),
    serve: (...args) => (crashes-- > 0 ? Promise.reject(new Error('crashed')) : stored.serve(...args)),
  };
  // completion commits no resource: a port that refuses any call shows it is never asked
  const resources = { commit: () => Promise.reject(new Error('no resource is committed on completion')) };
  const commands = new ProjectCommands(support, access, directory, needs, DEFAULT_INDICATOR_CONFIGURATION, resources);
  const needStatuses = async () => {
    const statuses: string[] = [];
    for (const needId of ['n-1', 'n-2'])
      statuses.push((await support.find(NEED_DECIDER, needId)).loaded.state?.status ?? 'none');
    return statuses;
  };
  return { store, commands, needStatuses };
}

describe("a project's completion retried after a crash between the completion and the needs' services", () => {
  it('serves the needs left when retried with another command id (the completed project answered, not refused)', async () => {
    const { commands, needStatuses } = await inProgress();
    await expect(commands.complete(ADMIN, 'p-1', { completedOn: '2026-06-20' }, {})).rejects.toThrow('crashed');
    expect(await needStatuses()).toEqual(['TakenUp', 'TakenUp']);
    const retried = await commands.complete(ADMIN, 'p-1', { completedOn: '2026-06-20' }, {});
    expect(retried).toMatchObject({ project: { status: 'Completed', lastStepOn: '2026-06-20' }, version: 3 });
    expect(await needStatuses()).toEqual(['Served', 'Served']);
    // once more: nothing left to serve, nothing appended
    expect(await commands.complete(ADMIN, 'p-1', { completedOn: '2026-06-20' }, {})).toMatchObject({ version: 3 });
  });

  it('serves the needs left when retried with the same command id (the completion replayed)', async () => {
    const { commands, needStatuses } = await inProgress();
    const options = { commandId: '0b6a4c1e-7d2f-4e8a-9c3b-5f1e2d4a6b70' };
    await expect(commands.complete(ADMIN, 'p-1', { completedOn: '2026-06-20' }, options)).rejects.toThrow('crashed');
    const retried = await commands.complete(ADMIN, 'p-1', { completedOn: '2026-06-20' }, options);
    expect(retried).toMatchObject({ project: { status: 'Completed' }, version: 3 });
    expect(await needStatuses()).toEqual(['Served', 'Served']);
  });
});
