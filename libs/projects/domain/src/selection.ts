import { type IsoDate } from '@lianjian/calendar';

/**
 * The events of a council's "most creative project" selection (最具创意项目) for one period
 * (`selection-<councilId>-<period>`, period 'YYYY' or 'YYYY-H1' / 'YYYY-H2').
 */
export type SelectionEvent =
  | {
      type: 'CreativeProjectNominated';
      data: { councilId: string; period: string; projectId: string; nominatedOn: IsoDate };
    }
  | {
      type: 'CreativeProjectVoteCast';
      data: { councilId: string; period: string; unitId: string; projectId: string; votedOn: IsoDate };
    }
  | {
      type: 'CreativeProjectSelected';
      data: {
        councilId: string;
        period: string;
        projectId: string;
        /** The selected project's votes. */
        votes: number;
        /** Every nominated project's votes, most first (then by project id). */
        tally: Array<{ projectId: string; votes: number }>;
        selectedOn: IsoDate;
      };
    };
