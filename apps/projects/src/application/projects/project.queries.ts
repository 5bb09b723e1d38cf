import { type Page, type PageRequest, pageOf } from '@lianjian/api';
import { type Caller, listableDistrict } from '@lianjian/auth';
import { type EventStore } from '@lianjian/event-store';
import { projectsStreamId } from '@lianjian/projects-contracts';
import { type Council, type Project, type ProjectEvent, type ProjectStatus } from '@lianjian/projects-domain';
import { type CouncilAccess } from '../common/council-access';
import { type ProjectsReadModel } from '../ports';
import { type StreamView } from '../read-models';

export type ProjectView = StreamView<Project>;

/** One step of a project's history: what happened, the day it is dated, who did it (for the council's admins). */
export interface ProjectHistoryEntry {
  readonly type: ProjectEvent['type'];
  readonly on: string;
  readonly actor: string | null;
  /** A summary of the step that holds no personal data (a member's sign-in says nothing of who). */
  readonly detail: string;
}

export interface ProjectSignIn {
  readonly project: ProjectView;
  readonly signInId: string;
  readonly on: string;
}

/**
 * Projects to read, each visible to whoever may read its council: one by id, a council's, a district's, a
 * project's history from its stream, a unit's claims and a member's sign-ins (batched for federated entities).
 */
export class ProjectQueries {
  constructor(
    private readonly read: ProjectsReadModel,
    private readonly access: CouncilAccess,
    private readonly store: EventStore,
  ) {}

  async project(caller: Caller, projectId: string): Promise<ProjectView | null> {
    await this.read.reachOwnWrites();
    const view = await this.read.view<Project>('project', projectId);
    return view?.state && (await this.readable(caller, [view])).length ? view : null;
  }

  /** A council's projects (none when the caller may not read the council), optionally of one status. */
  async ofCouncil(
    caller: Caller,
    councilId: string,
    status: ProjectStatus | null,
    page: PageRequest,
  ): Promise<Page<ProjectView>> {
    await this.read.reachOwnWrites();
    const council = await this.read.view<Council>('council', councilId);
    const readable = council?.state ? await this.access.canRead(caller, council.state) : false;
    return this.paged(readable ? await this.read.entries('projects-of-council', [councilId]) : [], status, page);
  }

  /**
   * The projects of a district (a code such as `huangpu`, or the caller's own) that the caller may read: a caller who
   * reads the whole district (the city, analytics readers, the district's admins) pages its list; a member or an
   * organization admin the lists of the district's councils they may read (each council checked once).
   */
  async inDistrict(
    caller: Caller,
    district: string | null,
    status: ProjectStatus | null,
    page: PageRequest,
  ): Promise<Page<ProjectView>> {
    await this.read.reachOwnWrites();
    const listable = listableDistrict(caller, district);
    const districts = listable ? [listable] : await this.districts();
    if (caller.role !== 'ORGANIZATION_ADMIN' && caller.role !== 'MEMBER')
      return this.paged(await this.read.entries('projects-in-district', districts), status, page);
    const councilIds = unique((await this.read.entries('councils-in-district', districts)).map((e) => e.id));
    const readable: string[] = [];
    for (const c of await this.read.views<Council>('council', councilIds))
      if (c.state && (await this.access.canRead(caller, c.state))) readable.push(c._id);
    return this.paged(readable.length ? await this.read.entries('projects-of-council', readable) : [], status, page);
  }

  /** The project's every step, read from its stream (exact key), oldest first; null when the caller may not read it. */
  async history(caller: Caller, projectId: string): Promise<ProjectHistoryEntry[] | null> {
    const view = await this.project(caller, projectId);
    if (!view) return null;
    const council = await this.read.view<Council>('council', view.state.councilId);
    const admin = council?.state ? await this.access.canWrite(caller, council.state) : false;
    const events = await this.store.readStream(projectsStreamId('project', projectId));
    return events.map((e) => {
      const event = { type: e.type, data: e.data } as unknown as ProjectEvent;
      return { type: event.type, on: dayOf(event), actor: admin ? e.actor : null, detail: detailOf(event) };
    });
  }

  /** The projects each unit claimed that the caller may read (Unit.claims), for a page of units at once. */
  async claimsOf(caller: Caller, unitIds: readonly string[]): Promise<Map<string, ProjectView[]>> {
    await this.read.reachOwnWrites();
    const entries = await this.read.entries('claims-of-unit', unitIds);
    const views = new Map(
      (await this.readable(caller, await this.read.views<Project>('project', unique(entries.map((e) => e.id))))).map(
        (v) => [v._id, v],
      ),
    );
    const result = new Map<string, ProjectView[]>(unitIds.map((id) => [id, []]));
    for (const e of entries) {
      const view = views.get(e.id);
      if (view) result.get(e.key)?.push(view);
    }
    return result;
  }

  /**
   * Each member's project sign-ins (Member.projectSignIns): a member sees their own; others see those of projects
   * whose council they may read.
   */
  async signInsOf(caller: Caller, memberIds: readonly string[]): Promise<Map<string, ProjectSignIn[]>> {
    await this.read.reachOwnWrites();
    const entries = (await this.read.entries('sign-ins-of-member', memberIds)).map((e) => {
      const slash = e.id.indexOf('/');
      return { memberId: e.key, projectId: e.id.slice(0, slash), signInId: e.id.slice(slash + 1), on: e.value };
    });
    const all = await this.read.views<Project>('project', unique(entries.map((e) => e.projectId)));
    const self = (memberId: string) => caller.role === 'MEMBER' && caller.memberId === memberId;
    const readable = new Set((await this.readable(caller, all)).map((v) => v._id));
    const byId = new Map(all.map((v) => [v._id, v]));
    const result = new Map<string, ProjectSignIn[]>(memberIds.map((id) => [id, []]));
    for (const e of entries) {
      const project = byId.get(e.projectId);
      if (project && (self(e.memberId) || readable.has(project._id)))
        result.get(e.memberId)?.push({ project, signInId: e.signInId, on: e.on });
    }
    for (const list of result.values())
      list.sort((a, b) => a.on.localeCompare(b.on) || a.signInId.localeCompare(b.signInId));
    return result;
  }

  /** A page of listed projects (entries the caller may read), filtered by the status each entry holds: only the page's views read. */
  private async paged(
    entries: ReadonlyArray<{ id: string; value: string }>,
    status: ProjectStatus | null,
    page: PageRequest,
  ): Promise<Page<ProjectView>> {
    const ids = unique(entries.filter((e) => status === null || e.value === status).map((e) => e.id));
    return pageOf(ids, page, async (pageIds) =>
      (await this.read.views<Project>('project', pageIds)).filter((v) => v.state),
    );
  }

  /** The views whose council the caller may read (each council read once, by key). */
  private async readable(caller: Caller, views: ReadonlyArray<ProjectView>): Promise<ProjectView[]> {
    const councils = await this.read.views<Council>('council', unique(views.map((v) => v.state.councilId)));
    const allowed = new Set<string>();
    for (const c of councils) if (c.state && (await this.access.canRead(caller, c.state))) allowed.add(c._id);
    return views.filter((v) => v.state && allowed.has(v.state.councilId));
  }

  private async districts(): Promise<string[]> {
    return (await this.read.entries('districts-with-councils', ['all'])).map((e) => e.id);
  }
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

function dayOf(e: ProjectEvent): string {
  switch (e.type) {
    case 'ProjectProposed':
      return e.data.proposedOn;
    case 'ProjectResolved':
      return e.data.resolvedOn;
    case 'ProjectApproved':
      return e.data.approvedOn;
    case 'ProjectClaimed':
      return e.data.claimedOn;
    case 'ProjectStarted':
      return e.data.startedOn;
    case 'MilestoneReached':
      return e.data.reachedOn;
    case 'ProjectResourceUsed':
      return e.data.usedOn;
    case 'ProjectSignedIn':
      return e.data.on;
    case 'ProjectCompleted':
      return e.data.completedOn;
    case 'ProjectScored':
      return e.data.scoredOn;
    case 'ProjectClosed':
      return e.data.closedOn;
  }
}

/** What the step was, without personal data: ids of units, organizations and sessions, never who signed in. */
function detailOf(e: ProjectEvent): string {
  switch (e.type) {
    case 'ProjectProposed':
      return `${e.data.title} (${e.data.category}) from ${e.data.needIds.length} need(s)`;
    case 'ProjectResolved':
      return `session ${e.data.sessionId}, resolution ${e.data.resolution}`;
    case 'ProjectApproved':
      return `approved by ${e.data.approverOrganizationId}`;
    case 'ProjectClaimed':
      return `claimed by unit ${e.data.commitment.unitId}${e.data.commitment.resources.map((r) => `, ${r.quantity} ${r.unit} ${r.kind}`).join('')}`;
    case 'ProjectStarted':
      return 'started';
    case 'MilestoneReached':
      return e.data.title;
    case 'ProjectResourceUsed':
      return `unit ${e.data.unitId} used ${e.data.quantity} ${e.data.kind}`;
    case 'ProjectSignedIn':
      return `${e.data.kind} sign-in`;
    case 'ProjectCompleted':
      return 'completed';
    case 'ProjectScored':
      return `scored ${e.data.total} (${e.data.scores.map((s) => `${s.indicator} ${s.score}`).join(', ')})`;
    case 'ProjectClosed':
      return 'closed';
  }
}
