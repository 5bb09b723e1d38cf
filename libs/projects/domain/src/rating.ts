import { type IsoDate } from '@lianjian/calendar';
import { type PersonalDataKind, screenComment } from './comment-screening';
import { type Dated, notFuture } from './dates';
import { refuse } from './errors';
import { type ProjectStatus, type Region, SATISFACTION_LEVELS, type SatisfactionLevel } from './model';

/**
 * The events of one rater's stream on one project (`rating-<projectId>-<raterKey>`): a project may get hundreds of
 * thousands of ratings, so they are not on the project's stream; one stream per rater and project is the dedup (the
 * application derives raterKey as a keyed hash).
 */
export type RatingEvent = {
  type: 'ProjectRated';
  data: {
    projectId: string;
    ratingId: string;
    councilId: string;
    /** The project's (its council's) region, so satisfaction rates roll up by community, street and district. */
    region: Region;
    level: SatisfactionLevel;
    /** The comment as screened for personal data (null: none). */
    comment: string | null;
    /** What the screening removed, by kind (never the values). */
    screenedKinds: PersonalDataKind[];
    ratedOn: IsoDate;
  };
};

/** The longest comment a rater may leave (characters, before screening). */
export const RATING_COMMENT_MAX = 500;

/** The statuses in which a project takes ratings: once completed, until closed. */
export const RATING_OPEN_STATUSES: readonly ProjectStatus[] = ['Completed', 'Evaluated'];

export type RatingCommand = {
  kind: 'RateProject';
  projectId: string;
  ratingId: string;
  level: SatisfactionLevel;
  /** As the rater wrote it: screened here before it is stored. */
  comment: string | null;
  ratedOn: IsoDate;
} & Dated;

/**
 * What the decision needs besides the command: the project as it stands. One rating per person is not decided here:
 * the rating's stream is named by the rater's key and appended only if new (ADR 0026).
 */
export interface RatingContext {
  /** null: no such project. */
  readonly project: {
    readonly status: ProjectStatus;
    readonly councilId: string;
    readonly region: Region;
  } | null;
}

/**
 * A rating by one of the people a project served: once per person and project (the stream is theirs), only while
 * the project is completed or evaluated, the comment screened for personal data before it is stored in clear.
 */
export function decideRating(command: RatingCommand, context: RatingContext): RatingEvent[] {
  const { project } = context;
  if (!project) return refuse('PROJECT_NOT_FOUND', 'no such project', 'projectId');
  if (!RATING_OPEN_STATUSES.includes(project.status))
    refuse('PROJECT_RATING_CLOSED', `a project ${project.status} takes no rating`, 'projectId');
  if (!SATISFACTION_LEVELS.includes(command.level))
    refuse('RATING_LEVEL_INVALID', `no satisfaction level ${command.level}`, 'level');
  const ratedOn = notFuture(command.ratedOn, command.today, 'ratedOn');
  const written = command.comment?.trim() ?? '';
  if ([...written].length > RATING_COMMENT_MAX)
    refuse('RATING_COMMENT_TOO_LONG', `a comment is at most ${RATING_COMMENT_MAX} characters`, 'comment');
  const screened = written ? screenComment(written) : null;
  return [
    {
      type: 'ProjectRated',
      data: {
        projectId: command.projectId,
        ratingId: command.ratingId,
        councilId: project.councilId,
        region: project.region,
        level: command.level,
        comment: screened?.text || null,
        screenedKinds: screened ? [...screened.removed] : [],
        ratedOn,
      },
    },
  ];
}

/** A rater's rating, as their stream holds it. */
export type Rating = RatingEvent['data'];

export const evolveRating = (_state: Rating | null, event: RatingEvent): Rating => event.data;
