import { type ScopedTarget } from '@lianjian/auth';
import { type Clock } from '@lianjian/calendar';
import { InMemoryEventStore } from '@lianjian/event-store';
import { MEMBERS_UPCASTERS } from '@lianjian/members-contracts';
import {
  type IsoDate,
  type MemberRulesConfiguration,
  type RecordedMeeting,
  checkDigitOf,
} from '@lianjian/members-domain';
import { DuesHandlers } from '../application/dues/dues.handlers';
import { LapseHandlers } from '../application/lapse/lapse.handlers';
import { MemberCommandSupport } from '../application/member-command-support';
import { ErasePersonalDataHandler } from '../application/personal-data/erase-personal-data.handler';
import { PersonalDataQueries } from '../application/personal-data/personal-data.queries';
import { RevealQuota } from '../application/personal-data/reveal-quota';
import { PipelineHandlers } from '../application/pipeline/pipeline.handlers';
import { MemberImport } from '../application/registration/member-import';
import { MemberStateFold } from '../application/member-state/member-state.fold';
import { MemberRegistration } from '../application/registration/member-registration';
import { type RegisterMemberInput, RegisterMemberHandler } from '../application/registration/register-member.handler';
import { ChangeStatusHandler } from '../application/status/change-status.handler';
import {
  type AttendanceReadModel,
  type AttendanceWriter,
  type MeetingRecordReadModel,
  type MeetingRecordWriter,
  type CitizenIdHolder,
  type CitizenIdRegistry,
  type ImportChunkResult,
  type ImportJobStore,
  type MemberKeyStore,
  type MemberReadModel,
  type MemberStateChange,
  type MemberStateWriter,
  type OrganizationLookup,
  type OwnWrites,
  type PersonalDataProtection,
  type PersonalDataAuditLog,
  type ProjectActivityReadModel,
  type ProjectSignInWriter,
  type RosterEntry,
  type RosterReadModel,
} from '../application/ports';
import { MemberSelection } from '../application/queries-support';
import { MemberScope } from '../application/scope';
import { csvLines } from '../infrastructure/csv-lines';
import { InMemoryRevealCounter } from './in-memory-reveal-counter';
import { PersonalDataVault } from '../infrastructure/personal-data.vault';
import {
  type AttendanceView,
  type ImportJob,
  type MemberKey,
  type MemberProjectActivity,
  type MemberProjectSignIn,
  type MemberView,
  type OrganizationRef,
  type PersonalDataAuditEntry,
} from '../infrastructure/views';

/*
 * In-memory implementations of the application's ports (application/ports.ts), for fast unit tests of command
 * handlers, queries, scope checks and the import. The integration suites prove the MongoDB ones.
 */

export class InMemoryOrganizations implements OrganizationLookup {
  private readonly byId = new Map<string, OrganizationRef>();

  add(org: Partial<OrganizationRef> & Pick<OrganizationRef, '_id'>): OrganizationRef {
    const full: OrganizationRef = {
      version: 1,
      name: org._id,
      type: 'Branch',
      status: 'active',
      parentId: null,
      district: null,
      establishedOn: '2000-01-01',
      ...org,
    };
    this.byId.set(full._id, full);
    return full;
  }

  async get(id: string): Promise<OrganizationRef | null> {
    await Promise.resolve();
    return this.byId.get(id) ?? null;
  }

  async path(id: string): Promise<string[]> {
    await Promise.resolve();
    const path: string[] = [];
    for (let at = this.byId.get(id); at && !path.includes(at._id); at = this.byId.get(at.parentId ?? ''))
      path.unshift(at._id);
    return path;
  }

  /** The district of the highest organization on the path that has one, as the directory computes it. */
  async scopeOf(id: string): Promise<ScopedTarget> {
    const path = await this.path(id);
    const district = path.map((p) => this.byId.get(p)?.district ?? null).find((d) => d !== null) ?? null;
    return { district, organizationPath: path };
  }

  async subtreeIds(rootId: string): Promise<string[]> {
    const all = await this.allIds();
    const ids: string[] = [];
    for (const id of all) if ((await this.path(id)).includes(rootId)) ids.push(id);
    return ids;
  }

  async allIds(): Promise<string[]> {
    await Promise.resolve();
    return [...this.byId.keys()];
  }

  async idsInDistrict(district: string): Promise<string[]> {
    const ids: string[] = [];
    for (const id of await this.allIds()) if ((await this.scopeOf(id)).district === district) ids.push(id);
    return ids;
  }
}

/** The members read model and the rosters, derived from the same members (as the projection keeps them). */
export class InMemoryMembers implements MemberReadModel, MemberStateWriter, RosterReadModel {
  readonly byId = new Map<string, MemberView>();

  put(member: MemberView): void {
    this.byId.set(member._id, structuredClone(member));
  }

  async get(memberId: string): Promise<MemberView | null> {
    await Promise.resolve();
    return this.byId.get(memberId) ?? null;
  }

  async byIds(memberIds: readonly string[]): Promise<MemberView[]> {
    await Promise.resolve();
    return memberIds.flatMap((id) => this.byId.get(id) ?? []);
  }

  async save(changes: readonly MemberStateChange[]): Promise<void> {
    await Promise.resolve();
    for (const { after } of changes) this.put(after);
  }

  async entries(organizationIds: readonly string[]): Promise<RosterEntry[]> {
    await Promise.resolve();
    return [...this.byId.values()]
      .filter((m) => organizationIds.includes(m.organizationId))
      .map((m) => ({ memberId: m._id, organizationId: m.organizationId, stage: m.stage, status: m.status }));
  }
}

export class InMemoryMeetingRecords implements MeetingRecordReadModel, MeetingRecordWriter {
  readonly records = new Map<string, RecordedMeeting>();

  async get(meetingId: string): Promise<RecordedMeeting | null> {
    await Promise.resolve();
    return structuredClone(this.records.get(meetingId) ?? null);
  }

  async saveMeeting(record: RecordedMeeting): Promise<void> {
    await Promise.resolve();
    this.records.set(record.meetingId, structuredClone(record));
  }
}

export class InMemoryAttendance implements AttendanceReadModel, AttendanceWriter {
  readonly meetings = new Map<string, AttendanceView>();
  readonly lastMeetings = new Map<string, IsoDate>();

  async lastMeetingOn(memberId: string): Promise<IsoDate | null> {
    return (await this.lastMeetingsOf([memberId])).get(memberId) ?? null;
  }

  async lastMeetingsOf(memberIds: readonly string[]): Promise<Map<string, IsoDate>> {
    await Promise.resolve();
    return new Map(memberIds.flatMap((id) => (this.lastMeetings.has(id) ? [[id, this.lastMeetings.get(id)!]] : [])));
  }

  async meetingsOf(memberId: string): Promise<AttendanceView[]> {
    await Promise.resolve();
    return [...this.meetings.values()]
      .filter((m) => m.memberId === memberId)
      .sort((a, b) => b.heldOn.localeCompare(a.heldOn))
      .slice(0, 500);
  }

  async saveAttendance(rows: readonly AttendanceView[]): Promise<void> {
    await Promise.resolve();
    for (const row of rows) this.meetings.set(row._id, structuredClone(row));
  }

  async recordAttended(memberIds: readonly string[], heldOn: IsoDate): Promise<void> {
    await Promise.resolve();
    for (const id of memberIds) if ((this.lastMeetings.get(id) ?? '') < heldOn) this.lastMeetings.set(id, heldOn);
  }
}

/** Members' co-building project activity as the MongoDB one keeps it: the sign-ins by key, each member's recounted. */
export class InMemoryProjectActivity implements ProjectActivityReadModel, ProjectSignInWriter {
  readonly signIns = new Map<string, MemberProjectSignIn>();
  readonly activity = new Map<string, MemberProjectActivity>();

  async activityOf(memberIds: readonly string[]): Promise<Map<string, MemberProjectActivity>> {
    await Promise.resolve();
    return new Map(
      memberIds.flatMap((id) => (this.activity.has(id) ? [[id, structuredClone(this.activity.get(id)!)]] : [])),
    );
  }

  async recordSignIn(signIn: MemberProjectSignIn): Promise<void> {
    await Promise.resolve();
    if (!this.signIns.has(signIn._id)) this.signIns.set(signIn._id, structuredClone(signIn));
    const signIns = [...this.signIns.values()].filter((s) => s.memberId === signIn.memberId).length;
    const before = this.activity.get(signIn.memberId);
    this.activity.set(signIn.memberId, {
      _id: signIn.memberId,
      signIns: Math.max(before?.signIns ?? 0, signIns),
      lastOn: before && before.lastOn > signIn.on ? before.lastOn : signIn.on,
    });
  }
}

export class InMemoryCitizenIds implements CitizenIdRegistry {
  readonly byIndex = new Map<string, CitizenIdHolder>();

  async reserve(
    candidates: ReadonlyArray<{ readonly memberId: string; readonly blindIndex: string }>,
    importId: string | null,
  ): Promise<Map<string, CitizenIdHolder>> {
    await Promise.resolve();
    const taken = new Map<string, CitizenIdHolder>();
    for (const c of candidates) {
      const existing = this.byIndex.get(c.blindIndex);
      if (existing) taken.set(c.blindIndex, existing);
      else this.byIndex.set(c.blindIndex, { memberId: c.memberId, importId, reservedAt: new Date() });
    }
    return taken;
  }

  async takeOver(blindIndex: string, fromMemberId: string, toMemberId: string): Promise<boolean> {
    await Promise.resolve();
    const existing = this.byIndex.get(blindIndex);
    if (existing?.memberId !== fromMemberId) return false;
    this.byIndex.set(blindIndex, { ...existing, memberId: toMemberId, reservedAt: new Date() });
    return true;
  }

  async release(blindIndex: string, memberId: string): Promise<void> {
    await Promise.resolve();
    if (this.byIndex.get(blindIndex)?.memberId === memberId) this.byIndex.delete(blindIndex);
  }
}

export class InMemoryKeys implements MemberKeyStore {
  readonly byId = new Map<string, MemberKey>();

  async insert(key: MemberKey): Promise<boolean> {
    await Promise.resolve();
    if (this.byId.has(key._id)) return false;
    this.byId.set(key._id, key);
    return true;
  }

  async insertMany(keys: readonly MemberKey[]): Promise<void> {
    for (const key of keys) if (!(await this.insert(key))) throw new Error(`duplicate key for ${key._id}`);
  }

  async get(memberId: string): Promise<MemberKey | null> {
    await Promise.resolve();
    return this.byId.get(memberId) ?? null;
  }

  async delete(memberId: string): Promise<void> {
    await Promise.resolve();
    this.byId.delete(memberId);
  }
}

export class InMemoryAudit implements PersonalDataAuditLog {
  readonly entries: PersonalDataAuditEntry[] = [];

  async record(entry: PersonalDataAuditEntry): Promise<void> {
    await Promise.resolve();
    this.entries.push(entry);
  }

  async of(memberId: string): Promise<PersonalDataAuditEntry[]> {
    await Promise.resolve();
    return this.entries.filter((e) => e.memberId === memberId).slice(0, 1000);
  }
}

export class InMemoryImportJobs implements ImportJobStore {
  readonly byId = new Map<string, ImportJob>();

  async start(fresh: ImportJob): Promise<ImportJob> {
    await Promise.resolve();
    const existing = this.byId.get(fresh._id);
    const job = existing ? { ...existing, runs: existing.runs + 1 } : fresh;
    this.byId.set(job._id, job);
    return job;
  }

  async recordChunk(importId: string, chunk: ImportChunkResult, maxErrors: number): Promise<void> {
    await Promise.resolve();
    const job = this.byId.get(importId);
    if (!job || job.nextLine > chunk.lastLine) return;
    this.byId.set(importId, {
      ...job,
      nextLine: chunk.lastLine + 1,
      rows: job.rows + chunk.rows,
      imported: job.imported + chunk.imported,
      duplicates: job.duplicates + chunk.duplicates,
      failed: job.failed + chunk.failed,
      errors: [...job.errors, ...chunk.errors].slice(0, maxErrors),
    });
  }

  async complete(importId: string): Promise<ImportJob> {
    await Promise.resolve();
    const done: ImportJob = { ...this.byId.get(importId)!, status: 'Completed', finishedAt: new Date() };
    this.byId.set(importId, done);
    return done;
  }
}

/** Every port in memory, wired as members.module.ts wires the MongoDB ones, on a fixed day. */
export function inMemoryMembersApplication(rules: MemberRulesConfiguration, today: IsoDate) {
  const store = new InMemoryEventStore({ upcasters: MEMBERS_UPCASTERS });
  const organizations = new InMemoryOrganizations();
  const members = new InMemoryMembers();
  const attendance = new InMemoryAttendance();
  const meetings = new InMemoryMeetingRecords();
  const citizenIds = new InMemoryCitizenIds();
  const keys = new InMemoryKeys();
  const audit = new InMemoryAudit();
  const imports = new InMemoryImportJobs();
  const vault = new PersonalDataVault(keys, Buffer.alloc(32, 7));
  const scope = new MemberScope(organizations);
  const day = { today };
  /** Today is fixed, and moved by `setToday` (time passing between commands and reports). */
  const clock: Clock = { today: () => day.today };
  const setToday = (next: IsoDate) => {
    day.today = next;
  };
  const appended = { count: 0 };
  const ownWrites = new InMemoryMemberProjection(store, members, vault);
  const support = new MemberCommandSupport({
    store,
    members,
    rosters: members,
    meetings,
    ownWrites,
    directory: organizations,
    scope,
    rules,
    clock,
    sealing: vault,
    onAppended: () => {
      appended.count += 1;
    },
  });
  const selection = new MemberSelection({
    members,
    rosters: members,
    directory: organizations,
    scope,
    rules,
    clock,
    ownWrites,
  });
  return {
    store,
    organizations,
    members,
    attendance,
    meetings,
    citizenIds,
    keys,
    audit,
    imports,
    vault,
    scope,
    clock,
    setToday,
    support,
    selection,
    appended,
  };
}

/**
 * The members read model kept from the in-memory store by the application's fold, as the member state projection
 * keeps it from the real one: the commits after the checkpoint, folded into their members' views.
 */
export class InMemoryMemberProjection implements OwnWrites {
  private checkpoint = 0;
  private readonly fold: MemberStateFold;

  constructor(
    private readonly store: InMemoryEventStore,
    members: InMemoryMembers,
    keys: Pick<PersonalDataProtection, 'destroy'>,
  ) {
    this.fold = new MemberStateFold(store, members, keys);
  }

  async reachOwnWrites(): Promise<void> {
    const commits = await this.store.readAllCommits(this.checkpoint, Number.MAX_SAFE_INTEGER);
    if (!commits.length) return;
    await this.fold.apply(commits);
    this.checkpoint = commits.at(-1)!.globalPosition;
  }
}

/**
 * A small city in memory: `city` (no district) → `huangpu` (district huangpu) → branch `b-1`, and `xuhui` → branch
 * `b-2`, with every member handler and query family wired on in-memory ports.
 */
export function membersTestWorld(rules: MemberRulesConfiguration, today: IsoDate = '2026-06-15') {
  const app = inMemoryMembersApplication(rules, today);
  const o = app.organizations;
  o.add({ _id: 'city', type: 'Committee' });
  o.add({ _id: 'huangpu', type: 'Committee', parentId: 'city', district: 'huangpu' });
  o.add({ _id: 'b-1', parentId: 'huangpu' });
  o.add({ _id: 'huangpu-general', type: 'GeneralBranch', parentId: 'huangpu' });
  o.add({ _id: 'xuhui', type: 'Committee', parentId: 'city', district: 'xuhui' });
  o.add({ _id: 'b-2', parentId: 'xuhui' });
  const registration = new MemberRegistration(app.store, app.citizenIds, app.vault, () => app.clock.today());
  return {
    ...app,
    registration,
    register: new RegisterMemberHandler(app.support, registration),
    importer: new MemberImport(
      app.imports,
      o,
      registration,
      rules,
      app.clock,
      () => {
        app.appended.count += 1;
      },
      csvLines,
    ),
    pipeline: new PipelineHandlers(app.support),
    status: new ChangeStatusHandler(app.support),
    dues: new DuesHandlers(app.support),
    lapse: new LapseHandlers(app.support, app.attendance),
    erasure: new ErasePersonalDataHandler(app.support, app.vault, app.citizenIds),
    personalData: new PersonalDataQueries(
      app.members,
      app.scope,
      app.vault,
      app.audit,
      new RevealQuota(new InMemoryRevealCounter(), { perRequest: 20, perHour: 200 }),
    ),
  };
}

/** A valid citizen ID number (GB 11643 check digit) for a birth date `YYYYMMDD` and a sequence (odd: male). */
export function citizenIdFor(birth: string, sequence: number, region = '310101'): string {
  const body = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return `${body}${checkDigitOf(body)}`;
}

/** Registers a full member (joined 2012, full member 2013) of a branch, as a city admin, and projects it. */
export async function registerFullMember(
  world: ReturnType<typeof membersTestWorld>,
  sequence: number,
  extra: Partial<RegisterMemberInput> = {},
): Promise<MemberView> {
  const member = await world.register.register(
    { subject: 'city_admin-1', role: 'CITY_ADMIN', district: null, organizationId: null, memberId: null },
    {
      organizationId: 'b-1',
      name: `党员${sequence}`,
      idNumber: citizenIdFor('19800101', sequence),
      ethnicity: '汉族',
      education: '本科',
      category: 'Employed',
      appliedOn: '2010-01-01',
      joinedOn: '2012-07-01',
      fullMembershipOn: '2013-07-01',
      ...extra,
    },
  );
  await world.support.ports.ownWrites.reachOwnWrites();
  return member;
}
