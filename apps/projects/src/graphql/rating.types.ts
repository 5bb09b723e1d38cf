import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, PageInfoType } from '@lianjian/api';

@ObjectType('SatisfactionCounts', { description: 'Ratings per level (满意度).' })
export class SatisfactionCountsModel {
  @Field(() => Int) verySatisfied!: number;
  @Field(() => Int) satisfied!: number;
  @Field(() => Int) basicallySatisfied!: number;
  @Field(() => Int) dissatisfied!: number;
}

@ObjectType('Satisfaction', {
  description: 'The satisfaction of the people served: ratings per level and the satisfaction rate (满意率).',
})
export class SatisfactionModel {
  @Field(() => SatisfactionCountsModel) counts!: SatisfactionCountsModel;
  @Field(() => Int) ratings!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of ratings very satisfied, satisfied or basically satisfied (0–1); null without a rating.',
  })
  rate!: number | null;
}

@ObjectType('RankedProject', { description: 'A project of a district in the satisfaction ranking.' })
export class RankedProjectModel extends SatisfactionModel {
  @Field(() => Int, { description: '1 for the most satisfied.' }) rank!: number;
  @Field(() => ID) projectId!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => ID) councilId!: string;
}

@ObjectType('SatisfactionRankingConnection')
export class SatisfactionRankingConnectionModel extends Connection(
  RankedProjectModel,
  'SatisfactionRanking',
  PageInfoType('SatisfactionRankingPageInfo'),
) {}

@ObjectType('PublicLink', {
  description: 'A signed link of the public path and its QR code, to post where people see it.',
})
export class PublicLinkModel {
  @Field({ description: 'The signed code (the l= of the URL).' }) code!: string;
  @Field({ description: 'The URL path of the form: `/public/rate?l=<code>` or `/public/need?l=<code>`.' })
  path!: string;
  @Field({
    description: "The form's absolute URL (the service's public base URL and the path): the QR code's payload.",
  })
  url!: string;
  @Field({ description: 'The QR code of the URL, an SVG document (error correction level M).' })
  qrSvg!: string;
  @Field(() => String, { nullable: true, description: 'The last day the link opens the form; null: no end.' })
  validUntil!: string | null;
}
