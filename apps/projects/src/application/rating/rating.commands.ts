import { randomUUID } from 'node:crypto';
import { type Caller } from '@lianjian/auth';
import { ExpectedVersion, WrongExpectedVersionError } from '@lianjian/event-store';
import { ratingStreamId } from '@lianjian/projects-contracts';
import {
  type Council,
  type Need,
  type Project,
  type SatisfactionLevel,
  RATING_OPEN_STATUSES,
  decideRating,
  refuse,
} from '@lianjian/projects-domain';
import { type CommandSupport } from '../common/command-support';
import { type CouncilAccess } from '../common/council-access';
import { type ProjectsReadModel } from '../ports';
import { type StreamView } from '../read-models';

/** The subject the event store records for a rating through the public path (raters are not platform users). */
export const PUBLIC_RATER_SUBJECT = 'public-rater';

/** How long a project's view is reused by the public path (a project's status changes rarely). */
const PROJECT_CACHE_MS = 1000;

/** What the public rating form shows: one project's title, its council's name and the levels. */
export interface RatingForm {
  readonly projectId: string;
  readonly title: string;
  readonly councilName: string;
  /** Whether the project takes ratings now (completed or evaluated). */
  readonly open: boolean;
}

/**
 * Ratings by the people a project served (满意度测评), through the public path: once per person and project — the
 * rating's stream is the rater's own (`rating-<projectId>-<raterKey>`, the key a keyed hash of their mobile number,
 * docs/adr/0026) and is appended only if it does not exist yet, so a second rating by the same person is refused
 * atomically, whichever instance takes it; the domain checks the project takes ratings and screens the comment.
 */
export class RatingCommands {
  private readonly projects = new Map<string, { at: number; view: Promise<StreamView<Project> | null> }>();

  constructor(
    private readonly support: CommandSupport,
    private readonly read: ProjectsReadModel,
    private readonly access: CouncilAccess,
    private readonly now: () => number = Date.now,
  ) {}

  /** The form a rating link opens (null: no such project). */
  async form(projectId: string): Promise<RatingForm | null> {
    const project = (await this.project(projectId))?.state;
    if (!project) return null;
    const council = (await this.read.view<Council>('council', project.councilId))?.state;
    return {
      projectId,
      title: project.title,
      councilName: council?.name ?? '',
      open: RATING_OPEN_STATUSES.includes(project.status),
    };
  }

  /** Rates the project as the person with this rater key (`raterKey` of their mobile number). */
  async rate(input: {
    projectId: string;
    raterKey: string;
    level: SatisfactionLevel;
    comment: string | null;
  }): Promise<{ ratingId: string; level: SatisfactionLevel; comment: string | null }> {
    const project = (await this.project(input.projectId))?.state ?? null;
    const today = this.support.today();
    const [event] = decideRating(
      {
        kind: 'RateProject',
        projectId: input.projectId,
        ratingId: randomUUID(),
        level: input.level,
        comment: input.comment,
        ratedOn: today,
        today,
      },
      {
        project: project ? { status: project.status, councilId: project.councilId, region: project.region } : null,
      },
    );
    try {
      await this.support.ports.store.append(
        ratingStreamId(input.projectId, input.raterKey),
        ExpectedVersion.noStream,
        [event!],
        { commitId: randomUUID(), actor: PUBLIC_RATER_SUBJECT, district: project?.region.district ?? null },
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError)
        refuse('PROJECT_ALREADY_RATED', 'you have rated this project already: one rating per person', 'projectId');
      throw error;
    }
    this.support.ports.onAppended();
    return { ratingId: event!.data.ratingId, level: event!.data.level, comment: event!.data.comment };
  }

  /** The project a link names, for a council admin (the council is changed by its convener's subtree). */
  async assertLinkIssuer(caller: Caller, projectId: string): Promise<Project> {
    await this.read.reachOwnWrites();
    const project = (await this.read.view<Project>('project', projectId))?.state;
    if (!project) return refuse('PROJECT_NOT_FOUND', `no project ${projectId}`, 'projectId');
    await this.access.assertWrite(caller, project);
    return project;
  }

  /** A need of a council the caller administers, for its receipt code. */
  async assertNeedCouncilAdmin(caller: Caller, needId: string): Promise<void> {
    await this.read.reachOwnWrites();
    const need = (await this.read.view<Need>('need', needId))?.state;
    if (!need) return refuse('NEED_NOT_FOUND', `no need ${needId}`, 'needId');
    await this.assertCouncilAdmin(caller, need.councilId);
  }

  /** A council admin's council, for a need form link. */
  async assertCouncilAdmin(caller: Caller, councilId: string): Promise<Council> {
    await this.read.reachOwnWrites();
    const council = (await this.read.view<Council>('council', councilId))?.state;
    if (!council) return refuse('COUNCIL_NOT_FOUND', `no council ${councilId}`, 'councilId');
    await this.access.assertWrite(caller, council);
    return council;
  }

  /** The project's view, read by key at most once a second per project and instance. */
  private project(projectId: string): Promise<StreamView<Project> | null> {
    const cached = this.projects.get(projectId);
    if (cached && this.now() - cached.at < PROJECT_CACHE_MS) return cached.view;
    if (this.projects.size > 10_000) this.projects.clear();
    const view = this.read.view<Project>('project', projectId).catch((error: unknown) => {
      this.projects.delete(projectId);
      throw error;
    });
    this.projects.set(projectId, { at: this.now(), view });
    return view;
  }
}
