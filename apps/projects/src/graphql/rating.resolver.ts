import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { connection } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { CouncilQueries } from '../application/councils/council.queries';
import { PublicLinks } from '../application/rating/rating-links';
import { type Satisfaction, SatisfactionQueries } from '../application/rating/satisfaction.queries';
import { type RequestContext } from './context';
import { CouncilModel } from './council.types';
import { ProjectModel } from './project.types';
import {
  NeedFormLinkArgs,
  NeedReceiptCodeArgs,
  ProjectRatingLinkArgs,
  SatisfactionArgs,
  SatisfactionRankingArgs,
} from './rating.inputs';
import { PublicLinkModel, SatisfactionModel, SatisfactionRankingConnectionModel } from './rating.types';

export const toSatisfaction = (s: Satisfaction): SatisfactionModel => ({
  counts: {
    verySatisfied: s.counts.VerySatisfied,
    satisfied: s.counts.Satisfied,
    basicallySatisfied: s.counts.BasicallySatisfied,
    dissatisfied: s.counts.Dissatisfied,
  },
  ratings: s.ratings,
  rate: s.rate,
});

// Satisfaction of the people served and the public path's links: the resolvers only translate.

@Resolver()
export class RatingResolver {
  constructor(
    private readonly satisfactionQueries: SatisfactionQueries,
    private readonly links: PublicLinks,
  ) {}

  @Query(() => SatisfactionModel, {
    description:
      "A district's satisfaction (its code such as `huangpu`), or one of its streets': for the district's admins, " +
      'the city and analytics readers.',
  })
  async satisfaction(@Context('caller') caller: Caller, @Args() args: SatisfactionArgs) {
    return toSatisfaction(await this.satisfactionQueries.ofRegion(caller, args.district, args.street ?? null));
  }

  @Query(() => SatisfactionRankingConnectionModel, {
    description:
      'The projects of a district (its code such as `huangpu`) ranked by satisfaction rate, then number of ratings. ' +
      'Organization admins and members see only the projects of councils they may read.',
  })
  async satisfactionRanking(@Context('caller') caller: Caller, @Args() args: SatisfactionRankingArgs) {
    const page = await this.satisfactionQueries.ranking(
      caller,
      args.district,
      { councilId: args.councilId ?? null, minRatings: args.minRatings },
      { first: args.first, after: args.after ?? null },
    );
    return connection({ ...page, items: page.items.map((item) => ({ _id: item.projectId, item })) }, ({ item }) => ({
      ...toSatisfaction(item),
      rank: item.rank,
      projectId: item.projectId,
      title: item.title,
      councilId: item.councilId,
    }));
  }

  @Mutation(() => PublicLinkModel, {
    description: "A project's signed rating link (and QR code) for the people it served: the council's admins only.",
  })
  projectRatingLink(@Context('caller') caller: Caller, @Args() args: ProjectRatingLinkArgs) {
    return this.links.projectRatingLink(caller, args.projectId, args.validUntil ?? null);
  }

  @Mutation(() => PublicLinkModel, {
    description: "A council's signed need form link (and QR code) for residents: the council's admins only.",
  })
  needFormLink(@Context('caller') caller: Caller, @Args() args: NeedFormLinkArgs) {
    return this.links.needFormLink(caller, args.councilId, args.validUntil ?? null);
  }

  @Mutation(() => String, {
    description:
      "A need's receipt code, for a need staff entered: the resident follows it with the public endpoint's " +
      "`needReceipt(code)` (served, declined and why). The council's admins only.",
  })
  needReceiptCode(@Context('caller') caller: Caller, @Args() args: NeedReceiptCodeArgs) {
    return this.links.needReceiptCode(caller, args.needId);
  }
}

@Resolver(() => CouncilModel)
export class CouncilSatisfactionResolver {
  constructor(
    private readonly councils: CouncilQueries,
    private readonly satisfactionQueries: SatisfactionQueries,
  ) {}

  @ResolveField(() => SatisfactionModel, {
    nullable: true,
    description: "The satisfaction of the people the council's projects served.",
  })
  async satisfaction(@Context('caller') caller: Caller, @Parent() council: CouncilModel) {
    if (!(await this.councils.council(caller, council.id))) return null;
    return toSatisfaction((await this.satisfactionQueries.ofCouncils([council.id])).get(council.id)!);
  }
}

@Resolver(() => ProjectModel)
export class ProjectSatisfactionResolver {
  @ResolveField(() => SatisfactionModel, {
    nullable: true,
    description: 'The satisfaction of the people the project served (满意度).',
  })
  async satisfaction(@Context() context: RequestContext, @Parent() project: ProjectModel) {
    const s = await context.loaders.satisfactionOfProject.load(project.id);
    return s ? toSatisfaction(s) : null;
  }
}
