import { type Caller } from '@lianjian/auth';
import { InMemoryEventStore } from '@lianjian/event-store';
import { ORGANIZATIONS_UPCASTERS } from '@lianjian/organizations-contracts';
import { DEFAULT_CONFIGURATION } from '@lianjian/organizations-domain';
import { CommandRunner } from '../application/common/command-runner';
import { QuerySupport } from '../application/common/query-support';
import { LeadershipCommands } from '../application/leadership/leadership.commands';
import { LifecycleCommands } from '../application/lifecycle/lifecycle.commands';
import { MeetingCommands } from '../application/meetings/meetings.commands';
import { CoverageCommands } from '../application/unit-coverage/coverage.commands';
import { RegistryCommands } from '../application/units-and-buildings/registry.commands';
import { type OrganizationView } from '../application/read-models';
import { InMemoryReadModels } from './in-memory-read-models';

/**
 * The application layer on in-memory ports: the event store (`InMemoryEventStore`), the read models
 * (`InMemoryReadModels`) and a fixed clock — for unit tests of command handlers and queries.
 */
export function inMemoryApplication(today = '2026-11-22') {
  const store = new InMemoryEventStore({ upcasters: ORGANIZATIONS_UPCASTERS });
  const views = new InMemoryReadModels();
  const notified = { appends: 0 };
  const runner = new CommandRunner(store, views, DEFAULT_CONFIGURATION, { today: () => today }, () => {
    notified.appends += 1;
  });
  const lifecycle = new LifecycleCommands(runner);
  return {
    store,
    views,
    notified,
    lifecycle,
    leadership: new LeadershipCommands(runner),
    coverage: new CoverageCommands(runner),
    registry: new RegistryCommands(runner),
    meetings: new MeetingCommands(runner),
    queries: new QuerySupport(views),
    /** Establishes and files the organization in the views, as the current-state projection would. */
    async establish(caller: Caller, input: Parameters<LifecycleCommands['establish']>[1]): Promise<OrganizationView> {
      const view = await lifecycle.establish(caller, input);
      views.placeOrganization(view);
      return view;
    },
  };
}

const region = (district: string | null, street: string | null = null, community: string | null = null) => ({
  district,
  street,
  community,
});

/** The city's tree the tests start from: city → huangpu → nanjing-east → c-1 → b-1, and xuhui beside huangpu. */
export async function establishedTree(app: ReturnType<typeof inMemoryApplication>, city: Caller) {
  const common = { establishedOn: '2020-01-01', documentNumber: '沪委〔2020〕1号' };
  const org = (
    organizationId: string,
    name: string,
    organizationType: 'Committee' | 'WorkingCommittee' | 'JointBranch',
  ) => ({
    ...common,
    organizationId,
    name,
    organizationType,
  });
  return {
    city: await app.establish(city, { ...org('city', '市委', 'Committee'), parentId: null, region: region(null) }),
    huangpu: await app.establish(city, {
      ...org('huangpu', '黄浦区委', 'Committee'),
      parentId: 'city',
      region: region('huangpu'),
    }),
    xuhui: await app.establish(city, {
      ...org('xuhui', '徐汇区委', 'Committee'),
      parentId: 'city',
      region: region('xuhui'),
    }),
    street: await app.establish(city, {
      ...org('nanjing-east', '南京东路街道党工委', 'WorkingCommittee'),
      parentId: 'huangpu',
      region: region('huangpu', 'nanjing-east'),
    }),
    community: await app.establish(city, {
      ...org('c-1', '贵州居民区党委', 'Committee'),
      parentId: 'nanjing-east',
      region: region('huangpu', 'nanjing-east', 'guizhou'),
    }),
    branch: await app.establish(city, {
      ...org('b-1', '第一联合党支部', 'JointBranch'),
      parentId: 'c-1',
      region: region('huangpu', 'nanjing-east', 'guizhou'),
      establishedOn: '2021-03-01',
    }),
  };
}
