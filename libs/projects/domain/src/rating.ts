import { type IsoDate } from '@lianjian/calendar';
import { type PersonalDataKind } from './comment-screening';
import { type Region, type SatisfactionLevel } from './model';

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
