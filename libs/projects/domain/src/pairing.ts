import { type IsoDate } from '@lianjian/calendar';
import { type Dated, notBefore, notFuture, optional, required, validDate } from './dates';
import { refuse } from './errors';

/** What one side of a pairing undertakes (结对共建的共建承诺). */
export interface PairingCommitment {
  /** One of the pairing's two organizations. */
  readonly organizationId: string;
  readonly commitment: string;
}

/** The events of a pairing's stream (`pairing-<pairingId>`): two organizations paired to help each other. */
export type PairingEvent =
  | {
      type: 'PairingAgreed';
      data: {
        pairingId: string;
        /** The council it was agreed under, if any. */
        councilId: string | null;
        /** The two (different) organizations. */
        organizationIds: [string, string];
        /** Each side's commitments: at least one each. */
        commitments: PairingCommitment[];
        from: IsoDate;
        /** After `from`. */
        until: IsoDate;
      };
    }
  | { type: 'PairingEnded'; data: { pairingId: string; endedOn: IsoDate; reason: string } };

/**
 * A pairing (结对共建), one stream per pairing: two different organizations agree what each will do for the other over a
 * period (from → until), under a council or not; it ends once — at the end of its period or earlier, with a reason.
 */
export interface Pairing {
  readonly pairingId: string;
  readonly councilId: string | null;
  readonly organizationIds: readonly [string, string];
  readonly commitments: readonly PairingCommitment[];
  readonly from: IsoDate;
  readonly until: IsoDate;
  readonly endedOn: IsoDate | null;
  readonly endReason: string | null;
}

export type PairingState = Pairing | null;

export type PairingCommand = (
  | {
      kind: 'AgreePairing';
      pairingId: string;
      councilId: string | null;
      organizationIds: readonly [string, string];
      commitments: readonly PairingCommitment[];
      from: IsoDate;
      until: IsoDate;
    }
  | { kind: 'EndPairing'; endedOn: IsoDate; reason: string }
) &
  Dated;

/** Whether the pairing runs on that day: within its period, and not ended on or before it. */
export const pairingActiveOn = (pairing: Pairing, date: IsoDate): boolean =>
  pairing.from <= date && date <= pairing.until && (pairing.endedOn === null || date < pairing.endedOn);

export function decidePairing(command: PairingCommand, state: PairingState): PairingEvent[] {
  if (command.kind === 'AgreePairing') {
    if (state) refuse('PAIRING_ALREADY_EXISTS', `pairing ${command.pairingId} exists`, 'pairingId');
    const [a, b] = command.organizationIds.map((id) => id.trim());
    if (command.organizationIds.length !== 2 || !a || !b || a === b)
      refuse('PAIRING_INVALID', 'a pairing joins two different organizations', 'organizationIds');
    const commitments = command.commitments.map((c) => ({
      organizationId: c.organizationId.trim(),
      commitment: c.commitment.trim(),
    }));
    if (commitments.some((c) => (c.organizationId !== a && c.organizationId !== b) || !c.commitment))
      refuse(
        'PAIRING_INVALID',
        "each commitment is one of the two organizations' and says what it does",
        'commitments',
      );
    for (const side of [a, b])
      if (!commitments.some((c) => c.organizationId === side))
        refuse('PAIRING_INVALID', `organization ${side} commits to something`, 'commitments');
    const from = validDate(command.from, 'from');
    const until = validDate(command.until, 'until');
    if (until <= from) refuse('DATE_OUT_OF_ORDER', `until (${until}) is after from (${from})`, 'until');
    return [
      {
        type: 'PairingAgreed',
        data: {
          pairingId: command.pairingId,
          councilId: optional(command.councilId),
          organizationIds: [a, b],
          commitments,
          from,
          until,
        },
      },
    ];
  }
  if (!state) return refuse('PAIRING_NOT_FOUND', 'no such pairing', 'pairingId');
  if (state.endedOn !== null)
    refuse('PAIRING_ALREADY_ENDED', `pairing ${state.pairingId} ended on ${state.endedOn}`, 'pairingId');
  const endedOn = notFuture(command.endedOn, command.today, 'endedOn');
  notBefore(endedOn, state.from, 'endedOn', 'the pairing began');
  return [
    {
      type: 'PairingEnded',
      data: { pairingId: state.pairingId, endedOn, reason: required(command.reason, 'PAIRING_INVALID', 'reason') },
    },
  ];
}

export function evolvePairing(state: PairingState, event: PairingEvent): PairingState {
  switch (event.type) {
    case 'PairingAgreed': {
      const d = event.data;
      return {
        pairingId: d.pairingId,
        councilId: d.councilId,
        organizationIds: d.organizationIds,
        commitments: d.commitments,
        from: d.from,
        until: d.until,
        endedOn: null,
        endReason: null,
      };
    }
    case 'PairingEnded':
      return state && { ...state, endedOn: event.data.endedOn, endReason: event.data.reason };
  }
}
