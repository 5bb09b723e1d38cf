import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AFTER_ARG, FIRST_ARG, connection } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { type NeedResult, NeedCommands } from '../application/lists/needs.commands';
import { NeedQueries } from '../application/lists/needs.queries';
import { MatchingQueries } from '../application/lists/matching.queries';
import { type ResourceResult, ResourceCommands } from '../application/lists/resources.commands';
import { ResourceQueries } from '../application/lists/resources.queries';
import { CouncilModel } from './council.types';
import {
  ClaimWishInput,
  DeclineNeedInput,
  OfferResourceInput,
  ServeNeedInput,
  SubmitNeedInput,
  WithdrawResourceInput,
} from './lists.inputs';
import { toNeed, toNeedMatch, toResource } from './lists.mappers';
import {
  NeedCategoryEnum,
  NeedConnectionModel,
  NeedContactModel,
  NeedKindEnum,
  NeedMatchModel,
  NeedModel,
  NeedStatusEnum,
  ResourceConnectionModel,
  ResourceKindEnum,
  ResourceModel,
} from './lists.types';
import {
  type NEED_CATEGORIES,
  type NEED_KINDS,
  type NEED_STATUSES,
  type RESOURCE_KINDS,
} from '@lianjian/projects-domain';

// The three lists in the graph (needs, wishes and ideas; resources; their matching): the resolvers only translate.

const options = (input: { commandId?: string | null; expectedVersion?: number | null }) => ({
  commandId: input.commandId ?? null,
  expectedVersion: input.expectedVersion ?? null,
});
const needAnswer = (r: NeedResult) => toNeed({ _id: r.need.needId, version: r.version, state: r.need });
const resourceAnswer = (r: ResourceResult) =>
  toResource({ _id: r.resource.resourceId, version: r.version, state: r.resource });

@Resolver(() => NeedModel)
export class ListsResolver {
  constructor(
    private readonly needs: NeedCommands,
    private readonly needQueries: NeedQueries,
    private readonly resources: ResourceCommands,
    private readonly resourceQueries: ResourceQueries,
  ) {}

  @Query(() => NeedModel, { nullable: true, description: 'A need, wish or idea, if its council is in your scope.' })
  async need(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const view = await this.needQueries.need(caller, id);
    return view ? toNeed(view) : null;
  }

  @Query(() => ResourceModel, { nullable: true, description: 'A resource, if its council is in your scope.' })
  async resource(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const view = await this.resourceQueries.resource(caller, id);
    return view ? toResource(view) : null;
  }

  @Mutation(() => NeedModel, {
    description:
      "Submit a need (需求), wish (微心愿) or idea (金点子) as staff: the council's admins, or a member unit (as submitter) " +
      "by its representative or organization's admins. A resident's contact is sealed before it is stored.",
  })
  async submitNeed(@Context('caller') caller: Caller, @Args('input') input: SubmitNeedInput) {
    return needAnswer(
      await this.needs.submit(
        { kind: 'staff', caller },
        {
          needId: input.needId ?? null,
          councilId: input.councilId,
          needKind: input.kind,
          category: input.category,
          title: input.title,
          description: input.description,
          place: input.place ?? null,
          submitterKind: input.submitterKind,
          unitId: input.unitId ?? null,
          contact: input.contact ? { name: input.contact.name ?? null, phone: input.contact.phone ?? null } : null,
          submittedOn: input.submittedOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => NeedModel, { description: 'The council declines an open need; its submitter is told the reason.' })
  async declineNeed(@Context('caller') caller: Caller, @Args('input') input: DeclineNeedInput) {
    return needAnswer(
      await this.needs.decline(
        caller,
        input.needId,
        { reason: input.reason, declinedOn: input.declinedOn },
        options(input),
      ),
    );
  }

  @Mutation(() => NeedModel, { description: 'A member unit claims a wish (微心愿) directly.' })
  async claimWish(@Context('caller') caller: Caller, @Args('input') input: ClaimWishInput) {
    return needAnswer(
      await this.needs.claimWish(
        caller,
        input.needId,
        { unitId: input.unitId, claimedOn: input.claimedOn },
        options(input),
      ),
    );
  }

  @Mutation(() => NeedModel, { description: 'A need taken up or a wish claimed has been served.' })
  async serveNeed(@Context('caller') caller: Caller, @Args('input') input: ServeNeedInput) {
    return needAnswer(await this.needs.serve(caller, input.needId, { servedOn: input.servedOn }, options(input)));
  }

  @Mutation(() => NeedContactModel, {
    description: "A need submitter's contact in clear, for the council's admins only; every reveal is audited.",
  })
  async revealNeedContact(@Context('caller') caller: Caller, @Args('needId', { type: () => ID }) needId: string) {
    const contact = await this.needs.revealContact(caller, needId);
    return { name: contact?.name ?? null, phone: contact?.phone ?? null, available: contact !== null };
  }

  @Mutation(() => ResourceModel, {
    description:
      'A member unit offers a resource (资源清单): by its representative, its organization’s or the council’s admins.',
  })
  async offerResource(@Context('caller') caller: Caller, @Args('input') input: OfferResourceInput) {
    return resourceAnswer(
      await this.resources.offer(
        caller,
        {
          resourceId: input.resourceId ?? null,
          councilId: input.councilId,
          unitId: input.unitId,
          resourceKind: input.kind,
          title: input.title,
          quantity: input.quantity,
          measure: input.measure,
          categories: input.categories,
          place: input.place ?? null,
          availableFrom: input.availableFrom,
          availableUntil: input.availableUntil ?? null,
          conditions: input.conditions ?? null,
          offeredOn: input.offeredOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => ResourceModel, { description: 'The unit withdraws what it offered (what was committed stays).' })
  async withdrawResource(@Context('caller') caller: Caller, @Args('input') input: WithdrawResourceInput) {
    return resourceAnswer(
      await this.resources.withdraw(caller, input.resourceId, { withdrawnOn: input.withdrawnOn }, options(input)),
    );
  }
}

/** A council's lists and their matching, as fields of the council (whoever may read it). */
@Resolver(() => CouncilModel)
export class CouncilListsResolver {
  constructor(
    private readonly needQueries: NeedQueries,
    private readonly resourceQueries: ResourceQueries,
    private readonly matching: MatchingQueries,
  ) {}

  @ResolveField(() => NeedConnectionModel, { description: 'The council’s needs, wishes and ideas, filtered.' })
  async needs(
    @Parent() council: CouncilModel,
    @Context('caller') caller: Caller,
    @Args('status', { type: () => NeedStatusEnum, nullable: true }) status: (typeof NEED_STATUSES)[number] | null,
    @Args('kind', { type: () => NeedKindEnum, nullable: true }) kind: (typeof NEED_KINDS)[number] | null,
    @Args('category', { type: () => NeedCategoryEnum, nullable: true })
    category: (typeof NEED_CATEGORIES)[number] | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(
      await this.needQueries.needs(caller, council.id, { status, needKind: kind, category }, { first, after }),
      toNeed,
    );
  }

  @ResolveField(() => ResourceConnectionModel, { description: 'The resources member units offer, filtered.' })
  async resources(
    @Parent() council: CouncilModel,
    @Context('caller') caller: Caller,
    @Args('kind', { type: () => ResourceKindEnum, nullable: true }) kind: (typeof RESOURCE_KINDS)[number] | null,
    @Args('category', { type: () => NeedCategoryEnum, nullable: true })
    category: (typeof NEED_CATEGORIES)[number] | null,
    @Args('availableOn', {
      type: () => String,
      nullable: true,
      description: 'Only what can still be committed that day (YYYY-MM-DD).',
    })
    availableOn: string | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(
      await this.resourceQueries.resources(
        caller,
        council.id,
        { resourceKind: kind, category, availableOn },
        { first, after },
      ),
      toResource,
    );
  }

  @ResolveField(() => [NeedMatchModel], {
    description: 'Each open need (oldest first) beside the resources that could serve it today, best first.',
  })
  async matches(
    @Parent() council: CouncilModel,
    @Context('caller') caller: Caller,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ) {
    return (await this.matching.matches(caller, council.id, first)).map(toNeedMatch);
  }
}
