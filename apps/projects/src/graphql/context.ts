import DataLoader from 'dataloader';
import { type Caller } from '@lianjian/auth';
import { type CouncilQueries, type CouncilView } from '../application/councils/council.queries';
import { type PairingQueries, type PairingView } from '../application/pairings/pairing.queries';
import { type ProjectQueries, type ProjectSignIn, type ProjectView } from '../application/projects/project.queries';
import { type Satisfaction, type SatisfactionQueries } from '../application/rating/satisfaction.queries';

/** Per-request batching: one read per kind of lookup and tick (federated fields of a page of entities). */
export class Loaders {
  /** The councils each organization convenes (Organization.councils). */
  readonly councilsOf: DataLoader<string, CouncilView[]>;
  /** The pairings each organization is part of (Organization.pairings). */
  readonly pairingsOf: DataLoader<string, PairingView[]>;
  /** The projects each unit claimed (Unit.claims). */
  readonly claimsOf: DataLoader<string, ProjectView[]>;
  /** Each member's project sign-ins (Member.projectSignIns). */
  readonly signInsOf: DataLoader<string, ProjectSignIn[]>;
  /** Each project's satisfaction, null when its council is outside the caller's scope (Project.satisfaction). */
  readonly satisfactionOfProject: DataLoader<string, Satisfaction | null>;

  constructor(reads: BatchedReads, caller: Caller) {
    this.councilsOf = new DataLoader(async (ids) => {
      const byOrganization = await reads.councils.convenedBy(caller, ids);
      return ids.map((id) => byOrganization.get(id) ?? []);
    });
    this.pairingsOf = new DataLoader(async (ids) => {
      const byOrganization = await reads.pairings.pairingsOf(caller, ids);
      return ids.map((id) => byOrganization.get(id) ?? []);
    });
    this.claimsOf = new DataLoader(async (ids) => {
      const byUnit = await reads.projects.claimsOf(caller, ids);
      return ids.map((id) => byUnit.get(id) ?? []);
    });
    this.signInsOf = new DataLoader(async (ids) => {
      const byMember = await reads.projects.signInsOf(caller, ids);
      return ids.map((id) => byMember.get(id) ?? []);
    });
    this.satisfactionOfProject = new DataLoader(async (ids) => {
      const byProject = await reads.satisfaction.ofReadableProjects(caller, ids);
      return ids.map((id) => byProject.get(id) ?? null);
    });
  }
}

/** The queries the loaders batch over (provided by the core module). */
export class BatchedReads {
  constructor(
    readonly councils: CouncilQueries,
    readonly pairings: PairingQueries,
    readonly projects: ProjectQueries,
    readonly satisfaction: SatisfactionQueries,
  ) {}
}

export interface RequestContext {
  readonly caller: Caller;
  readonly loaders: Loaders;
}
