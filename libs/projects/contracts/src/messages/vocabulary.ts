import { Ciphertext, Id, Nullable, StringEnum, Struct, Type, type TSchema } from '@lianjian/contracts';
import { type ProjectsStreamCategory } from '../topics';

/**
 * The projects service's published vocabulary (regional co-building, 区域化党建): the value sets and shapes its
 * messages share. They repeat the domain's (libs/projects/domain), which a contract may not import; a compile-time
 * test in the service checks every message's payload type, and these value sets, against the domain.
 */

/** The brief's need categories (需求类别): of needs, the resources that can serve them, and projects. */
export const NEED_CATEGORIES = [
  'SocialManagement', // 社会管理事务
  'PublicServices', // 公共服务
  'ResourceIntegration', // 资源整合
  'SocialValue', // 社会价值
  'SharedCommunityCulture', // 共建共享社区文化
  'CommunityPublicAffairs', // 社区公共事务
  'AwardsAndCreation', // 评优创建
] as const;

/** A need (需求), a wish (微心愿: a small need a unit may claim directly) or an idea (金点子: a suggestion). */
export const NEED_KINDS = ['Need', 'Wish', 'Idea'] as const;
/** Who submitted a need: a resident or an office worker (neither a platform user), or a unit. */
export const SUBMITTER_KINDS = ['Resident', 'OfficeWorker', 'Unit'] as const;
/** How a need came in: the public form (no login) or entered by staff. */
export const NEED_CHANNELS = ['PublicForm', 'Staff'] as const;
/**
 * A need's status as its events set it (no event carries it): Open (NeedSubmitted, or NeedReleased), TakenUp
 * (NeedTakenUp), Claimed (WishClaimed), Served (NeedServed), Declined (NeedDeclined).
 */
export const NEED_STATUSES = ['Open', 'TakenUp', 'Claimed', 'Served', 'Declined'] as const;

/**
 * A project's status as its events set it (no event carries it): Proposed, Resolved (联席会议议定), Approved (社区党委审批),
 * Claimed (认领), InProgress (ProjectStarted), Completed, Evaluated (ProjectScored), Closed (结项).
 */
export const PROJECT_STATUSES = [
  'Proposed',
  'Resolved',
  'Approved',
  'Claimed',
  'InProgress',
  'Completed',
  'Evaluated',
  'Closed',
] as const;

/** How satisfied a person the project served is (满意度): the four answers of the rating form. */
export const SATISFACTION_LEVELS = ['VerySatisfied', 'Satisfied', 'BasicallySatisfied', 'Dissatisfied'] as const;

/** What member units offer (资源清单): 场地, 资金, 志愿者, 专业力量, other. */
export const RESOURCE_KINDS = ['Venue', 'Funds', 'Volunteers', 'Expertise', 'Other'] as const;

/** 联席会议 / 党建促进会 / 街道大工委: the kinds of joint council. */
export const COUNCIL_KINDS = ['JointConference', 'PromotionAssociation', 'StreetWorkingCommittee'] as const;
/** The administrative level a council works at. */
export const COUNCIL_LEVELS = ['District', 'Street', 'Community'] as const;
/** A part-time committee seat's title (兼职委员: 主任 / 副主任 / 委员). */
export const SEAT_TITLES = ['Chair', 'DeputyChair', 'Member'] as const;

/** Who signed in to a project's activity: a volunteer (not a platform user) or a party member (by member id). */
export const SIGN_IN_KINDS = ['Volunteer', 'Member'] as const;

/** What the screening of a rater's comment removed, by kind (never the values). */
export const PERSONAL_DATA_KINDS = ['IdNumber', 'Phone', 'Email', 'CardNumber'] as const;

export const needCategory = StringEnum(NEED_CATEGORIES);
export const resourceKind = StringEnum(RESOURCE_KINDS);
export const satisfactionLevel = StringEnum(SATISFACTION_LEVELS, {
  description:
    'VerySatisfied 非常满意, Satisfied 满意, BasicallySatisfied 基本满意, Dissatisfied 不满意. The satisfaction rate (满意率) is the share of ratings that are not Dissatisfied.',
});

/** Where a council (and so its projects and their ratings) sits: its district, and street and community below them. */
export const region = Struct({
  district: Id,
  street: Nullable(Id),
  community: Nullable(Id),
});

/** A positive quantity, in the measure its resource or commitment names (平方米, 元, 人, 小时 …). */
export const Quantity = Type.Number({ exclusiveMinimum: 0 });

/** A selection's period: a year (`2026`) or a half-year (`2026-H1`, `2026-H2`). */
export const Period = Type.String({ pattern: '^\\d{4}(-H[12])?$' });

/** Two different ids, in order (a pairing's two organizations). */
export const IdPair = Type.Unsafe<[string, string]>({
  type: 'array',
  prefixItems: [Id, Id],
  items: false,
  minItems: 2,
  maxItems: 2,
  uniqueItems: true,
});

/**
 * What the domain's screening of a rater's comment removes (libs/projects/domain/src/comment-screening.ts), repeated
 * here so the published schema refuses a comment that still holds one: e-mail addresses, ID numbers (15 or 18
 * characters), bank-card-like digit runs (16–19), mobile and landline phone numbers. A screened comment never matches
 * (each is replaced by a mark such as `[电话已隐去]`), so a message that does is a producer's bug, dead-lettered as
 * `invalid` before any consumer stores it.
 */
export const UNSCREENED_PERSONAL_DATA: ReadonlyArray<{ kind: (typeof PERSONAL_DATA_KINDS)[number]; pattern: string }> =
  [
    { kind: 'Email', pattern: '[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+' },
    { kind: 'IdNumber', pattern: '(?<!\\d)(\\d{17}[\\dXx]|\\d{15})(?![\\dXx])' },
    { kind: 'CardNumber', pattern: '(?<!\\d)\\d{16,19}(?!\\d)' },
    { kind: 'Phone', pattern: '(?<!\\d)(\\+?86[- ]?)?1[3-9]\\d(?:[- ]?\\d{4}){2}(?!\\d)' },
    { kind: 'Phone', pattern: '(?<!\\d)0\\d{2,3}[- ]?\\d{7,8}(?!\\d)' },
  ];

/** A rater's comment as screened for personal data: non-empty, and holding none of what the screening removes. */
export const ScreenedComment = Type.String({
  minLength: 1,
  description:
    'The comment as screened for personal data before it was stored: ID numbers, phone numbers, e-mail addresses and card numbers are replaced by a mark ([身份证号已隐去], [电话已隐去], [邮箱已隐去], [卡号已隐去]); the schema refuses a comment that still holds one.',
  not: {
    anyOf: UNSCREENED_PERSONAL_DATA.map(({ kind, pattern }) => ({ type: 'string', pattern, description: kind })),
  },
});

/** A resident's own words published with a need (title, description, place), screened like a rating's comment. */
export const screenedText = (options: { minLength?: number; maxLength?: number }) =>
  Type.String({
    ...options,
    description:
      'Screened for personal data before it was stored: ID numbers, phone numbers, e-mail addresses and card numbers are replaced by a mark; the schema refuses a text that still holds one.',
    not: {
      anyOf: UNSCREENED_PERSONAL_DATA.map(({ kind, pattern }) => ({ type: 'string', pattern, description: kind })),
    },
  });

/**
 * A closed object with further rules across its fields (JSON Schema `if`/`then`/`else`, `allOf`): the TypeScript
 * type is the one of its properties.
 */
export const StructWithRules = <P extends Record<string, TSchema>>(properties: P, rules: Record<string, unknown>) =>
  Type.Object(properties, { additionalProperties: false, ...rules });

/** A field that holds a value exactly when another field has a given value, and is null otherwise. */
export const presentWhen = (field: string, value: string, present: string): Record<string, unknown> => ({
  if: { properties: { [field]: { const: value } }, required: [field] },
  then: { properties: { [present]: { type: 'string' } } },
  else: { properties: { [present]: { type: 'null' } } },
});

/** Message keys: the stream id of the aggregate the event belongs to. */
export const STREAM_KEYS: Record<ProjectsStreamCategory, { description: string; pattern: string }> = {
  council: { description: 'The joint council stream: council-<councilId>.', pattern: '^council-.+$' },
  pairing: { description: 'The pairing (结对共建) stream: pairing-<pairingId>.', pattern: '^pairing-.+$' },
  need: { description: 'The need (需求, 微心愿, 金点子) stream: need-<needId>.', pattern: '^need-.+$' },
  resource: { description: 'The offered resource stream: resource-<resourceId>.', pattern: '^resource-.+$' },
  project: { description: 'The co-building project stream: project-<projectId>.', pattern: '^project-.+$' },
  rating: {
    description:
      "One rater's rating of one project: rating-<projectId>-<raterKey>. One stream per rater and project is how a second rating is refused. raterKey is 32 characters of base64url, a keyed hash of the project and the rater's mobile number under a key only the projects service holds: it names nobody outside the service (the number is never stored), and the same person has another key on another project. The ratings of one project are spread over many keys (partitions): count them by eventId, not by order.",
    pattern: '^rating-.+-[A-Za-z0-9_-]{32}$',
  },
  selection: {
    description:
      'A council\'s "most creative project" selection (最具创意项目) for one period: selection-<councilId>-<period>, period YYYY or YYYY-H1 / YYYY-H2.',
    pattern: '^selection-.+-\\d{4}(-H[12])?$',
  },
};

/** Personal data of a need's submitter (a contact): ciphertext only, null when none was given or after erasure. */
export const SealedContact = Nullable(Ciphertext);
