import { randomInt } from 'node:crypto';
import { type Caller } from '@lianjian/auth';
import {
  CommitIdReusedError,
  ExpectedVersion,
  type EventStore,
  WrongExpectedVersionError,
} from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import {
  type IsoDate,
  type MemberCommand,
  type MemberEvent,
  type MemberProfile,
  type MemberRules,
  MemberRuleViolation,
  type MemberState,
  type MembershipStatus,
  type PipelineHistory,
  type ProtectedData,
  type RegistrationSource,
  cardNumberFrom,
  decideMember,
  evolveMember,
} from '@lianjian/members-domain';
import pMap from 'p-map';
import { type MemberView } from '../read-models';
import { type CitizenIdHolder, type CitizenIdRegistry, type PersonalDataProtection } from '../ports';

/** A new random card number: the member's id (see libs/members/domain/src/card.ts). */
export const newMemberId = (): string => cardNumberFrom(Array.from({ length: 14 }, () => randomInt(10)).join(''));

/** One person to register, already placed in a branch the caller may write to. */
export interface RegistrationRequest {
  readonly organizationId: string;
  readonly district: string | null;
  readonly rules: MemberRules;
  readonly profile: MemberProfile;
  /** The full name, sealed with the ID number and phone (the profile carries it masked). */
  readonly name: string;
  /** Normalized; with the phone, sealed under the member's own data key before anything is written. */
  readonly idNumber: string;
  readonly phone: string | null;
  readonly history: PipelineHistory;
  readonly status: MembershipStatus;
  readonly monthlyIncome: number | null;
  readonly source: RegistrationSource;
  readonly commitId: string;
  /** The card number given beforehand (a member new to the city, named by their incoming transfer); else new. */
  readonly memberId?: string;
}

export type RegistrationOutcome =
  | { readonly kind: 'registered'; readonly member: MemberView }
  /** Registered by an interrupted run of the same batch: nothing was written twice. */
  | { readonly kind: 'resumed'; readonly memberId: string }
  /** Another member already holds this citizen ID number. */
  | { readonly kind: 'already-registered' }
  | { readonly kind: 'refused'; readonly violation: MemberRuleViolation };

/**
 * Members whose first commit is under way at once: two of the event store's group commits (100 appends each), so
 * one is written while the next fills. A chunk of an import is 500 rows; nothing is started for all of them at once.
 */
const APPENDS_IN_FLIGHT = 200;

/** A reservation left by a crash before its member was written is taken over after this long. */
const STALE_RESERVATION_MS = 60_000;

/**
 * Registration of members, by hand (one) or from an import (a chunk): the one path both take. It checks every rule
 * before anything is reserved, reserves each person's citizen ID number city-wide (the blind index is the
 * reservation's key, so of two concurrent registrations of one person exactly one wins), creates the data keys,
 * seals the ID number and phone, and appends each member's first event. A reservation made by an interrupted run of
 * the same batch (`batchId`, the import) is resumed, never registered twice; a refusal after the reservation
 * releases it and destroys the key.
 */
export class MemberRegistration {
  constructor(
    private readonly store: EventStore,
    private readonly citizenIds: CitizenIdRegistry,
    private readonly vault: PersonalDataProtection,
    private readonly today: () => IsoDate,
  ) {}

  async registerAll(
    caller: Caller,
    requests: readonly RegistrationRequest[],
    batch: { readonly batchId: string | null; readonly correlationId: string },
  ): Promise<RegistrationOutcome[]> {
    const outcomes: Array<RegistrationOutcome | null> = requests.map(() => null);
    const today = this.today();
    const command = (r: RegistrationRequest, memberId: string, protectedData: ProtectedData): MemberCommand => ({
      kind: 'RegisterMember',
      memberId,
      organizationId: r.organizationId,
      profile: r.profile,
      protectedData,
      history: r.history,
      status: r.status,
      source: r.source,
      monthlyIncome: r.monthlyIncome,
      today,
      rules: r.rules,
    });
    // every rule first, with placeholder ciphertext: nothing is reserved for a registration that would be refused
    const candidates: Array<{ index: number; request: RegistrationRequest; memberId: string; blindIndex: string }> = [];
    requests.forEach((request, index) => {
      try {
        decideMember(
          command(request, 'check', {
            keyId: 'check',
            sealingKey: null,
            name: 'v1.a.b.c',
            idNumber: 'v1.a.b.c',
            phone: null,
          }),
          null,
        );
        candidates.push({
          index,
          request,
          memberId: request.memberId ?? newMemberId(),
          blindIndex: this.vault.blindIndex(request.idNumber),
        });
      } catch (error) {
        if (!(error instanceof MemberRuleViolation)) throw error;
        outcomes[index] = { kind: 'refused', violation: error };
      }
    });

    const taken = await this.citizenIds.reserve(candidates, batch.batchId);
    const fresh: typeof candidates = [];
    const resumed = new Set<string>();
    for (const c of candidates) {
      const existing = taken.get(c.blindIndex);
      if (!existing) fresh.push(c);
      else if (batch.batchId !== null && existing.importId === batch.batchId) {
        c.memberId = existing.memberId; // maybe written by the interrupted run, maybe not: the append tells
        resumed.add(c.memberId);
        fresh.push(c);
      } else if (await this.takeOver(c.blindIndex, existing, c.memberId)) fresh.push(c);
      else outcomes[c.index] = { kind: 'already-registered' };
    }
    const keys = await this.vault.newKeysFor(fresh.filter((c) => !resumed.has(c.memberId)).map((c) => c.memberId));
    for (const c of fresh) if (resumed.has(c.memberId)) keys.set(c.memberId, await this.vault.keyFor(c.memberId));

    await pMap(
      fresh,
      async (c) => {
        const { request: r, memberId } = c;
        try {
          const protectedData = this.vault.protect(memberId, keys.get(memberId)!, {
            name: r.name,
            idNumber: r.idNumber,
            phone: r.phone,
          });
          const events = decideMember(command(r, memberId, protectedData), null);
          const context = {
            commitId: r.commitId,
            actor: caller.subject,
            district: r.district,
            correlationId: batch.correlationId,
            causationId: null,
          };
          await this.store.append(memberStreamId(memberId), ExpectedVersion.noStream, events, context);
          outcomes[c.index] = { kind: 'registered', member: this.viewOf(memberId, events) };
        } catch (error) {
          // written by the interrupted run: the member's stream exists (its ciphertext differs, so not a replay)
          if (
            resumed.has(memberId) &&
            (error instanceof WrongExpectedVersionError || error instanceof CommitIdReusedError)
          ) {
            outcomes[c.index] = { kind: 'resumed', memberId };
            return;
          }
          await this.citizenIds.release(c.blindIndex, memberId);
          await this.vault.destroy(memberId);
          if (!(error instanceof MemberRuleViolation)) throw error;
          outcomes[c.index] = { kind: 'refused', violation: error };
        }
      },
      { concurrency: APPENDS_IN_FLIGHT },
    );
    return outcomes.map((o) => o!);
  }

  /** A reservation whose member was never written (a crash between the two), old enough: it passes to this request. */
  private async takeOver(blindIndex: string, existing: CitizenIdHolder, memberId: string): Promise<boolean> {
    if (Date.now() - existing.reservedAt.getTime() <= STALE_RESERVATION_MS) return false;
    if ((await this.store.streamVersion(memberStreamId(existing.memberId))) !== 0) return false;
    return this.citizenIds.takeOver(blindIndex, existing.memberId, memberId);
  }

  /** The new member as its first events make it: the mutation's answer, without reading a projection. */
  private viewOf(memberId: string, events: readonly MemberEvent[]): MemberView {
    const state = events.reduce<MemberState>((s, e) => evolveMember(s, e), null);
    return { ...state!, _id: memberId, version: events.length };
  }
}
