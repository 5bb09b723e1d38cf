import { randomUUID } from 'node:crypto';
import { type Caller } from '@lianjian/auth';
import { deciderOf } from '@lianjian/event-store';
import { streamId } from '@lianjian/organizations-contracts';
import {
  type GateCommand,
  type GateEvent,
  type GateState,
  type OrganizationCommand,
  type OrganizationState,
  RESERVATION_TTL_MS,
  type ReservationPurpose,
  decideGate,
  decideOrganization,
  evolveGate,
  violation,
} from '@lianjian/organizations-domain';
import { type OrganizationView } from '../read-models';
import {
  type CommandRunner,
  type LoadedOrganization,
  ORGANIZATION_SNAPSHOTS,
  organizationDecider,
} from './command-runner';

export const gateDecider = deciderOf<GateState | null, GateCommand, GateEvent>(decideGate, evolveGate, () => null);

/** An organization's place gate: a stream of its own, in no published category (the relay and projections skip it). */
export const gateStream = (organizationId: string): string => `gate-organization-${organizationId}`;

/**
 * The place gates (libs/organizations/domain/src/gate.ts) close the cross-stream race of ADR 0008: placing an
 * organization below P (establish, reparent, transfer) or merging one into P, at the same moment as dissolving P,
 * merging P away or making P a type without subordinates. Each side writes to P's gate with optimistic concurrency,
 * so one of two concurrent commands sees the other and is refused.
 */
export class Reservations {
  constructor(
    private readonly runner: CommandRunner,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Before a command places an organization below `on` (or merges it into `on`): decides the command as it will be
   * decided (a refusal costs no reservation), reserves the place on `on`'s gate, and checks on `on`'s own stream
   * that it is still active. The caller appends its own event right after; if a third of the reservation's time
   * passed meanwhile, this reserves again.
   */
  async reserve(
    caller: Caller,
    on: OrganizationView,
    subordinateId: string,
    purpose: ReservationPurpose,
    command: OrganizationCommand,
    state: OrganizationState,
  ): Promise<void> {
    decideOrganization(command, state);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const reservedAt = this.now();
      await this.runner.decideUnpublished(
        gateStream(on._id),
        gateDecider,
        {
          kind: 'ReservePlace',
          organizationId: on._id,
          subordinateId,
          purpose,
          reservedAt: new Date(reservedAt).toISOString(),
        },
        this.runner.appendContext(caller, {}, on.region.district),
      );
      // the organization's own stream, not its view: a dissolution before the reservation is certainly there
      const current = await this.runner.loadStream(
        streamId('organization', on._id),
        organizationDecider,
        ORGANIZATION_SNAPSHOTS,
      );
      if (current.state?.status !== 'active') {
        violation(
          purpose === 'Subordinate' ? 'PARENT_NOT_ACTIVE' : 'ORGANIZATION_NOT_ACTIVE',
          `the organization is ${current.state?.status ?? 'unknown'}`,
          purpose === 'Subordinate' ? 'parentId' : 'targetId',
        );
      }
      if (this.now() - reservedAt < RESERVATION_TTL_MS / 3) return;
    }
    throw new Error(`could not reserve a place on organization ${on._id} in time`);
  }

  /**
   * Runs a command that ends or closes `org` (dissolve, merge it away, a type without subordinates) behind a fence on
   * its gate. `decide` gets the child count to decide with: read after the reservations this found completed are in
   * the read models. The fence is set at the gate's version this checked (a reservation appended meanwhile makes it
   * check again, and refuse), and lifted once the command has appended or been refused.
   */
  async fenced<T>(
    caller: Caller,
    org: LoadedOrganization,
    purpose: ReservationPurpose | null,
    decide: (activeChildCount: number) => Promise<T>,
  ): Promise<T> {
    const gate = gateStream(org.view._id);
    const context = () => this.runner.appendContext(caller, { commandId: randomUUID() }, org.view.region.district);
    const loaded = await this.runner.loadStream(gate, gateDecider);
    const now = this.now();
    const settled: string[] = [];
    for (const r of loaded.state?.reservations ?? []) {
      if (now - Date.parse(r.reservedAt) >= RESERVATION_TTL_MS) continue;
      const subordinate = await this.runner.loadStream(
        streamId('organization', r.subordinateId),
        organizationDecider,
        ORGANIZATION_SNAPSHOTS,
      );
      const done =
        r.purpose === 'Subordinate'
          ? subordinate.state?.parentId === org.view._id
          : subordinate.state?.mergedIntoId === org.view._id;
      if (!done) continue;
      settled.push(r.subordinateId);
      await this.runner.other(r.subordinateId, 'ORGANIZATION_NOT_FOUND', 'organizationId'); // in the read models
    }
    const activeChildCount = await this.runner.activeChildren(org.view._id);
    const by = randomUUID();
    await this.runner.decideUnpublished(
      gate,
      gateDecider,
      {
        kind: 'FenceGate',
        organizationId: org.view._id,
        by,
        now: new Date(now).toISOString(),
        settledSubordinateIds: settled,
        purpose,
      },
      context(),
    );
    try {
      if (this.now() - now >= RESERVATION_TTL_MS / 3) throw new Error('the fence was set too long ago; try again');
      return await decide(activeChildCount);
    } finally {
      await this.runner.decideUnpublished(
        gate,
        gateDecider,
        { kind: 'LiftFence', organizationId: org.view._id, by },
        context(),
      );
    }
  }
}
