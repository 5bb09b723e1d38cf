import { type Caller } from '@lianjian/auth';
import { type Council, type Selection, selectionTally, type VoteTally } from '@lianjian/projects-domain';
import { type CouncilAccess } from '../common/council-access';
import { type ProjectsReadModel } from '../ports';
import { selectionId } from './selection.commands';

export interface SelectionView {
  readonly councilId: string;
  readonly period: string;
  readonly version: number;
  readonly selection: Selection | null;
  readonly tally: VoteTally[];
}

/** A council's "most creative project" selection for a period, to whoever may read the council (one read by key). */
export class SelectionQueries {
  constructor(
    private readonly read: ProjectsReadModel,
    private readonly access: CouncilAccess,
  ) {}

  async selection(caller: Caller, council: Council, period: string): Promise<SelectionView | null> {
    if (!(await this.access.canRead(caller, council))) return null;
    await this.read.reachOwnWrites();
    const view = await this.read.view<Selection>('selection', selectionId(council.councilId, period));
    const selection = view?.state ?? null;
    return {
      councilId: council.councilId,
      period,
      version: view?.version ?? 0,
      selection,
      tally: selectionTally(selection),
    };
  }
}
