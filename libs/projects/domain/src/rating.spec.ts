import { refusalOf } from './decider.testing';
import { type ProjectStatus } from './model';
import { type RatingCommand, type RatingContext, decideRating, evolveRating } from './rating';

const today = '2026-11-20';
const region = { district: 'd-1', street: 's-1', community: 'cm-1' };
const rate: RatingCommand = {
  kind: 'RateProject',
  projectId: 'p-1',
  ratingId: 'rt-1',
  level: 'Satisfied',
  comment: null,
  ratedOn: '2026-11-20',
  today,
};
const context = (status: ProjectStatus = 'Completed', over: Partial<RatingContext> = {}): RatingContext => ({
  project: { status, councilId: 'c-1', region },
  ...over,
});
const refusal = (command: RatingCommand, ctx: RatingContext) => refusalOf(() => decideRating(command, ctx));

describe('a rating by one of the people a project served', () => {
  it("is a ProjectRated event with the project's council and region", () => {
    const events = decideRating(rate, context());
    expect(events).toEqual([
      {
        type: 'ProjectRated',
        data: {
          projectId: 'p-1',
          ratingId: 'rt-1',
          councilId: 'c-1',
          region,
          level: 'Satisfied',
          comment: null,
          screenedKinds: [],
          ratedOn: '2026-11-20',
        },
      },
    ]);
    expect(evolveRating(null, events[0]!)).toMatchObject({ ratingId: 'rt-1', level: 'Satisfied' });
  });

  it('is taken while the project is completed or evaluated, and refused in any other status', () => {
    expect(decideRating(rate, context('Evaluated'))).toHaveLength(1);
    for (const status of ['Proposed', 'Resolved', 'Approved', 'Claimed', 'InProgress', 'Closed'] as const)
      expect(refusal(rate, context(status))).toEqual({ code: 'PROJECT_RATING_CLOSED', field: 'projectId' });
  });

  it('is refused for no project', () => {
    expect(refusal(rate, { project: null })).toEqual({
      code: 'PROJECT_NOT_FOUND',
      field: 'projectId',
    });
  });

  it('is dated not in the future', () => {
    expect(refusal({ ...rate, ratedOn: '2026-11-21' }, context())).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'ratedOn',
    });
  });

  it('refuses a level outside the four', () => {
    expect(refusal({ ...rate, level: 'Thrilled' as never }, context())).toEqual({
      code: 'RATING_LEVEL_INVALID',
      field: 'level',
    });
  });

  it('screens the comment for personal data, says what it removed, and keeps a blank comment as none', () => {
    const [event] = decideRating({ ...rate, comment: ' 很好，联系我13812345678 ' }, context());
    expect(event?.data).toMatchObject({ comment: '很好，联系我[电话已隐去]', screenedKinds: ['Phone'] });
    expect(decideRating({ ...rate, comment: '   ' }, context())[0]?.data.comment).toBeNull();
  });

  it('refuses a comment longer than 500 characters', () => {
    expect(decideRating({ ...rate, comment: '好'.repeat(500) }, context())[0]?.data.comment).toHaveLength(500);
    expect(refusal({ ...rate, comment: '好'.repeat(501) }, context())).toEqual({
      code: 'RATING_COMMENT_TOO_LONG',
      field: 'comment',
    });
  });
});
