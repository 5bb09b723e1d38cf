import { type IsoDate } from '@lianjian/calendar';

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
