/** The brief's need categories (需求类别). */
export const NEED_CATEGORIES = [
  'SocialManagement', // 社会管理事务
  'PublicServices', // 公共服务
  'ResourceIntegration', // 资源整合
  'SocialValue', // 社会价值
  'SharedCommunityCulture', // 共建共享社区文化
  'CommunityPublicAffairs', // 社区公共事务
  'AwardsAndCreation', // 评优创建
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

/** A project from proposal to closing (项目清单): each step checked against the one before. */
export const PROJECT_STATUSES = [
  'Proposed', // 提出 (from one or more needs)
  'Resolved', // 联席会议议定
  'Approved', // 社区党委审批
  'Claimed', // 认领
  'InProgress', // 实施
  'Completed', // 完成
  'Evaluated', // 评价
  'Closed', // 结项
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** How satisfied the people a project served are (满意度). */
export const SATISFACTION_LEVELS = ['VerySatisfied', 'Satisfied', 'BasicallySatisfied', 'Dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** What a unit commits when it claims a project (认领): resources and what it will do. */
export interface Commitment {
  readonly unitId: string;
  /** The unit's party organization, when it has one. */
  readonly organizationId: string | null;
  readonly resources: ReadonlyArray<{ readonly kind: ResourceKind; readonly quantity: number; readonly unit: string }>;
  readonly description: string;
}

/** Resources member units offer (资源清单). */
export const RESOURCE_KINDS = ['Venue', 'Funds', 'Volunteers', 'Expertise', 'Other'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Who signed in to a project's activity: a volunteer (not a platform user) or a party member (by member id). */
export type SignInKind = 'Volunteer' | 'Member';

/** Where a council (and so its projects) sits: its district, and its street and community when it is below them. */
export interface Region {
  readonly district: string;
  readonly street: string | null;
  readonly community: string | null;
}
