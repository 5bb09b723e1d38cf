import { randomUUID } from 'node:crypto';
import { AuthError, type Caller, canWrite } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type Pairing,
  type PairingCommand,
  type PairingCommitment,
  type PairingEvent,
  decidePairing,
  evolvePairing,
  refuse,
} from '@lianjian/projects-domain';
import { type CommandSupport, type StreamDecider } from '../common/command-support';
import { type CouncilAccess } from '../common/council-access';
import { COUNCIL_DECIDER } from '../councils/council.commands';
import { type Directory } from '../ports';

export const PAIRING_DECIDER: StreamDecider<Pairing, PairingCommand, PairingEvent> = {
  category: 'pairing',
  decide: decidePairing,
  evolve: evolvePairing,
  notFound: 'PAIRING_NOT_FOUND',
};

export interface PairingResult {
  readonly pairing: Pairing;
  readonly version: number;
}

/**
 * Pairings (结对共建): two active organizations of the directory agree what each commits to over a period. Agreeing
 * records commitments for both, so the caller writes for both (the city; a district's admins when both are in their
 * district; an organization's admins when both are in their subtree), and a council it names is one the caller
 * writes for. Either side may end it: ending needs write access to one of the two only.
 */
export class PairingCommands {
  constructor(
    private readonly support: CommandSupport,
    private readonly directory: Directory,
    private readonly access: CouncilAccess,
  ) {}

  async agree(
    caller: Caller,
    input: {
      pairingId?: string | null;
      councilId?: string | null;
      organizationIds: readonly string[];
      commitments: readonly PairingCommitment[];
      from: string;
      until: string;
    },
    options: CommandOptions,
  ): Promise<PairingResult> {
    if (input.organizationIds.length !== 2)
      refuse('PAIRING_INVALID', 'a pairing joins two different organizations', 'organizationIds');
    for (const id of input.organizationIds) {
      const organization = await this.directory.organization(id);
      if (!organization || organization.status !== 'active')
        refuse(
          'ORGANIZATION_NOT_FOUND',
          `no active organization ${id} (or its establishment has not reached the projects service yet)`,
          'organizationIds',
        );
    }
    const district = await this.assertWritesForBoth(caller, input.organizationIds);
    if (input.councilId) {
      const council = await this.support.load(COUNCIL_DECIDER, input.councilId, 'councilId');
      await this.access.assertWrite(caller, council.state);
    }
    const pairingId = input.pairingId ?? randomUUID();
    const found = input.pairingId ? await this.support.find(PAIRING_DECIDER, pairingId) : null;
    return this.result(
      await this.support.run(
        caller,
        PAIRING_DECIDER,
        pairingId,
        {
          kind: 'AgreePairing',
          pairingId,
          councilId: input.councilId ?? null,
          organizationIds: [input.organizationIds[0]!, input.organizationIds[1]!],
          commitments: input.commitments,
          from: input.from,
          until: input.until,
          today: this.support.today(),
        },
        found ? found.loaded : 'new',
        options,
        district,
      ),
    );
  }

  async end(
    caller: Caller,
    pairingId: string,
    input: { endedOn: string; reason: string },
    options: CommandOptions,
  ): Promise<PairingResult> {
    const pairing = await this.support.load(PAIRING_DECIDER, pairingId, 'pairingId');
    const district = await this.assertWritesForOne(caller, pairing.state.organizationIds);
    return this.result(
      await this.support.run(
        caller,
        PAIRING_DECIDER,
        pairingId,
        { kind: 'EndPairing', endedOn: input.endedOn, reason: input.reason, today: this.support.today() },
        pairing.loaded,
        options,
        district,
      ),
    );
  }

  /** The caller writes for both organizations; answers with the first one's district. */
  private async assertWritesForBoth(caller: Caller, organizationIds: readonly string[]): Promise<string | null> {
    const targets = await Promise.all(organizationIds.map((id) => this.directory.scopeOf(id)));
    targets.forEach((target, i) => {
      if (!canWrite(caller, target))
        throw new AuthError(
          'FORBIDDEN',
          `outside your scope: you do not write for organization ${organizationIds[i]}, and a pairing records commitments for both organizations`,
        );
    });
    return targets[0]?.district ?? null;
  }

  /** Either side may end a pairing: the caller writes for at least one of the organizations; answers with that one's district. */
  private async assertWritesForOne(caller: Caller, organizationIds: readonly string[]): Promise<string | null> {
    for (const id of organizationIds) {
      const target = await this.directory.scopeOf(id);
      if (canWrite(caller, target)) return target.district;
    }
    throw new AuthError('FORBIDDEN', 'outside your scope: you write for neither organization of the pairing');
  }

  private result(handled: { state: Pairing; version: number }): PairingResult {
    return { pairing: handled.state, version: handled.version };
  }
}
