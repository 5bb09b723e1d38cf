import { type IsoDate } from '@lianjian/calendar';
import { type Dated, latest, notBefore, notFuture, optional, required, validDate } from './dates';
import { refuse } from './errors';
import { NEED_CATEGORIES, type NeedCategory, RESOURCE_KINDS, type ResourceKind } from './model';

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

export interface ResourceCommitment {
  readonly projectId: string;
  readonly quantity: number;
  readonly committedOn: IsoDate;
}

/**
 * A resource a member unit offers (资源清单: a venue, funds, volunteers, expertise), one stream per offer: part of it
 * is committed to projects until none remains, its availability ends, or the unit withdraws it.
 */
export interface Resource {
  readonly resourceId: string;
  readonly councilId: string;
  readonly unitId: string;
  readonly resourceKind: ResourceKind;
  readonly title: string;
  /** What was offered. */
  readonly quantity: number;
  readonly measure: string;
  readonly categories: readonly NeedCategory[];
  readonly place: string | null;
  readonly availableFrom: IsoDate;
  readonly availableUntil: IsoDate | null;
  readonly conditions: string | null;
  readonly offeredOn: IsoDate;
  /** What is left to commit: the quantity offered less the commitments. */
  readonly remaining: number;
  readonly commitments: readonly ResourceCommitment[];
  readonly withdrawnOn: IsoDate | null;
  /** The day of the last step (the offer or the last commitment). */
  readonly lastStepOn: IsoDate;
}

export type ResourceState = Resource | null;

export type ResourceCommand = (
  | {
      kind: 'OfferResource';
      resourceId: string;
      councilId: string;
      unitId: string;
      /** The council's current member units (`councilMemberUnitIds`), resolved by the application. */
      memberUnitIds: readonly string[];
      resourceKind: ResourceKind;
      title: string;
      quantity: number;
      measure: string;
      categories: readonly NeedCategory[];
      place: string | null;
      availableFrom: IsoDate;
      availableUntil: IsoDate | null;
      conditions: string | null;
      offeredOn: IsoDate;
    }
  | { kind: 'CommitResource'; projectId: string; quantity: number; committedOn: IsoDate }
  | { kind: 'WithdrawResource'; withdrawnOn: IsoDate }
) &
  Dated;

/** Quantities to a millionth (money to the fen, areas to the square centimetre): no floating-point crumbs. */
const exact = (n: number): number => Math.round(n * 1e6) / 1e6;

function positive(quantity: number, field: string): number {
  if (!(Number.isFinite(quantity) && quantity > 0)) refuse('RESOURCE_INVALID', `${field} is positive`, field);
  return exact(quantity);
}

export function decideResource(command: ResourceCommand, state: ResourceState): ResourceEvent[] {
  const { today } = command;
  if (command.kind === 'OfferResource') {
    if (state) refuse('RESOURCE_ALREADY_EXISTS', `resource ${command.resourceId} exists`, 'resourceId');
    if (!command.memberUnitIds.includes(command.unitId))
      refuse('UNIT_NOT_MEMBER', `unit ${command.unitId} is not a member unit of the council`, 'unitId');
    if (!RESOURCE_KINDS.includes(command.resourceKind))
      refuse('RESOURCE_INVALID', `no resource kind ${command.resourceKind}`, 'resourceKind');
    const categories = [...new Set(command.categories)];
    if (categories.length === 0 || categories.some((c) => !NEED_CATEGORIES.includes(c)))
      refuse('RESOURCE_INVALID', 'a resource serves one or more of the need categories', 'categories');
    const offeredOn = notFuture(command.offeredOn, today, 'offeredOn');
    const availableFrom = validDate(command.availableFrom, 'availableFrom');
    const availableUntil = command.availableUntil === null ? null : validDate(command.availableUntil, 'availableUntil');
    if (availableUntil !== null) {
      notBefore(availableUntil, availableFrom, 'availableUntil', 'availableFrom');
      notBefore(availableUntil, offeredOn, 'availableUntil', 'the day it is offered');
    }
    return [
      {
        type: 'ResourceOffered',
        data: {
          resourceId: command.resourceId,
          councilId: command.councilId,
          unitId: command.unitId,
          resourceKind: command.resourceKind,
          title: required(command.title, 'RESOURCE_INVALID', 'title'),
          quantity: positive(command.quantity, 'quantity'),
          measure: required(command.measure, 'RESOURCE_INVALID', 'measure'),
          categories,
          place: optional(command.place),
          availableFrom,
          availableUntil,
          conditions: optional(command.conditions),
          offeredOn,
        },
      },
    ];
  }
  if (!state) return refuse('RESOURCE_NOT_FOUND', 'no such resource', 'resourceId');
  const r = state;
  if (r.withdrawnOn !== null)
    refuse('RESOURCE_WITHDRAWN', `resource ${r.resourceId} was withdrawn on ${r.withdrawnOn}`, 'resourceId');
  switch (command.kind) {
    case 'CommitResource': {
      const quantity = positive(command.quantity, 'quantity');
      if (quantity > r.remaining)
        refuse('RESOURCE_INSUFFICIENT', `${r.remaining} ${r.measure} remain (asked ${quantity})`, 'quantity');
      const committedOn = notFuture(command.committedOn, today, 'committedOn');
      notBefore(committedOn, r.offeredOn, 'committedOn', 'the day it was offered');
      if (r.availableUntil !== null && committedOn > r.availableUntil)
        refuse('RESOURCE_NOT_AVAILABLE', `the resource was available until ${r.availableUntil}`, 'committedOn');
      return [
        {
          type: 'ResourceCommitted',
          data: { resourceId: r.resourceId, projectId: command.projectId, quantity, committedOn },
        },
      ];
    }
    case 'WithdrawResource': {
      const withdrawnOn = notFuture(command.withdrawnOn, today, 'withdrawnOn');
      notBefore(withdrawnOn, r.lastStepOn, 'withdrawnOn', 'the offer or its last commitment');
      return [{ type: 'ResourceWithdrawn', data: { resourceId: r.resourceId, withdrawnOn } }];
    }
  }
}

export function evolveResource(state: ResourceState, event: ResourceEvent): ResourceState {
  if (event.type === 'ResourceOffered') {
    const d = event.data;
    return { ...d, remaining: d.quantity, commitments: [], withdrawnOn: null, lastStepOn: d.offeredOn };
  }
  if (!state) return state;
  switch (event.type) {
    case 'ResourceCommitted': {
      const d = event.data;
      return {
        ...state,
        remaining: exact(state.remaining - d.quantity),
        commitments: [
          ...state.commitments,
          { projectId: d.projectId, quantity: d.quantity, committedOn: d.committedOn },
        ],
        lastStepOn: latest(state.lastStepOn, d.committedOn) ?? d.committedOn,
      };
    }
    case 'ResourceWithdrawn':
      return { ...state, withdrawnOn: event.data.withdrawnOn, lastStepOn: event.data.withdrawnOn };
  }
}

/** Whether the resource can be committed on that day: offered, within its availability, not withdrawn, some left. */
export const resourceAvailableOn = (
  r: Pick<Resource, 'availableFrom' | 'availableUntil' | 'withdrawnOn' | 'remaining'>,
  date: IsoDate,
): boolean =>
  r.withdrawnOn === null &&
  r.remaining > 0 &&
  r.availableFrom <= date &&
  (r.availableUntil === null || date <= r.availableUntil);
