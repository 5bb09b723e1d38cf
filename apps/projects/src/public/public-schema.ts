import { NEED_CATEGORIES, NEED_KINDS, SATISFACTION_LEVELS } from '@lianjian/projects-domain';

/**
 * The public endpoint's schema (`/public/graphql`): what the people a project served and residents may do without an
 * account — one project's rating form and its rating, one council's need form, a need's submission and its receipt.
 * Nothing else of the service is here (no councils, no projects beyond the one a link names).
 */
export const PUBLIC_SCHEMA = /* GraphQL */ `
  "How satisfied the person rating is (满意度)."
  enum SatisfactionLevel {
    ${SATISFACTION_LEVELS.join('\n    ')}
  }

  enum NeedKind {
    ${NEED_KINDS.join('\n    ')}
  }

  enum NeedCategory {
    ${NEED_CATEGORIES.join('\n    ')}
  }

  "Who submits through the public form: a resident or an office worker."
  enum PublicSubmitterKind {
    Resident
    OfficeWorker
  }

  "The rating form a project's signed link (or QR code) opens."
  type RatingForm {
    title: String!
    councilName: String!
    levels: [SatisfactionLevel!]!
    "What a comment may hold: no names, phone numbers, ID numbers or addresses (they are removed)."
    commentGuidance: String!
    "Whether the project takes ratings now (once completed, until closed)."
    open: Boolean!
  }

  input RateProjectInput {
    "The code of the project's rating link (the l= of /public/rate?l=…)."
    link: String!
    "Your mobile number: only to rate once; never stored nor shown."
    contact: String!
    level: SatisfactionLevel!
    "At most 500 characters; personal data is removed before it is stored."
    comment: String
  }

  type RatingAccepted {
    level: SatisfactionLevel!
    "The comment as stored (personal data removed)."
    comment: String
  }

  "The need form a council's signed link opens."
  type NeedForm {
    councilName: String!
    kinds: [NeedKind!]!
    categories: [NeedCategory!]!
  }

  input NeedContactInput {
    name: String
    phone: String
  }

  input SubmitNeedInput {
    "The code of the council's need form link (the l= of /public/need?l=…)."
    link: String!
    kind: NeedKind!
    category: NeedCategory!
    title: String!
    description: String!
    place: String
    submitterKind: PublicSubmitterKind = Resident
    "How the council may reach you (sealed: only the council's admins can read it)."
    contact: NeedContactInput
  }

  type NeedSubmitted {
    "Keep it: needReceipt(code) tells where your need stands."
    receiptCode: String!
  }

  type NeedReceipt {
    kind: NeedKind!
    status: String!
    since: String!
    "Why the council declined it."
    reason: String
    "Whether a project took it up."
    takenUpByProject: Boolean!
    "Whether a member unit claimed the wish."
    claimedByUnit: Boolean!
  }

  type Query {
    ratingForm(link: String!): RatingForm!
    needForm(link: String!): NeedForm!
    needReceipt(code: String!): NeedReceipt
  }

  type Mutation {
    rateProject(input: RateProjectInput!): RatingAccepted!
    submitNeed(input: SubmitNeedInput!): NeedSubmitted!
  }
`;

export const COMMENT_GUIDANCE =
  '请勿在评价中填写姓名、手机号码、身份证号或住址：这些信息会在保存前被删除。 Do not write names, phone numbers, ID numbers or addresses: they are removed before the comment is stored.';
