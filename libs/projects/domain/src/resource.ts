import { type IsoDate } from '@lianjian/calendar';
import { type NeedCategory, type ResourceKind } from './model';

/** The events of a resource's stream (`resource-<resourceId>`): what a member unit offers (资源清单). */
export type ResourceEvent =
  | {
      type: 'ResourceOffered';
      data: {
        resourceId: string;
        councilId: string;
        unitId: string;
        resourceKind: ResourceKind;
        title: string;
        /** Positive, in `measure`. */
        quantity: number;
        /** What the quantity counts: '平方米', '元', '人', '小时' … */
        measure: string;
        /** The need categories it can serve (at least one). */
        categories: NeedCategory[];
        place: string | null;
        availableFrom: IsoDate;
        /** The last day it is available; null: open-ended. */
        availableUntil: IsoDate | null;
        conditions: string | null;
        offeredOn: IsoDate;
      };
    }
  /** Part of it committed to a project (not more than remains, not after withdrawal, not after availableUntil). */
  | {
      type: 'ResourceCommitted';
      data: { resourceId: string; projectId: string; quantity: number; committedOn: IsoDate };
    }
  | { type: 'ResourceWithdrawn'; data: { resourceId: string; withdrawnOn: IsoDate } };
