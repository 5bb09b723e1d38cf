/** Stable codes for every rule the organizations domain enforces; clients may switch on them. */
export type OrganizationRuleCode =
  | 'ORGANIZATION_NOT_FOUND'
  | 'ORGANIZATION_ALREADY_EXISTS'
  | 'ORGANIZATION_NOT_ACTIVE'
  | 'PARENT_NOT_FOUND'
  | 'PARENT_NOT_ACTIVE'
  | 'ROOT_MUST_BE_COMMITTEE'
  | 'CHILD_TYPE_NOT_ALLOWED'
  | 'REGION_OUTSIDE_PARENT'
  | 'CYCLE_IN_TREE'
  | 'CROSS_DISTRICT_REPARENT'
  | 'SAME_DISTRICT_TRANSFER'
  | 'ORGANIZATION_HAS_CHILDREN'
  | 'ORGANIZATION_HAS_MEMBERS'
  | 'INSUFFICIENT_FULL_MEMBERS'
  | 'NOTHING_CHANGES'
  | 'DATE_IN_FUTURE'
  | 'DATE_BEFORE_LAST_CHANGE'
  | 'DATE_BEFORE_PARENT_ESTABLISHED'
  | 'DATE_BEFORE_TARGET_ESTABLISHED'
  | 'DATE_BEFORE_HOST_ESTABLISHED'
  | 'LEADERSHIP_OUT_OF_ORDER'
  | 'MERGE_INTO_SELF'
  | 'UNIT_NOT_FOUND'
  | 'UNIT_ALREADY_EXISTS'
  | 'BUILDING_NOT_FOUND'
  | 'BUILDING_ALREADY_EXISTS'
  | 'SERVICE_POINT_ALREADY_EXISTS'
  | 'SERVICE_POINT_NOT_OPEN'
  | 'MEETING_ALREADY_RECORDED'
  | 'MEETING_INVALID'
  | 'MEMBER_NOT_KNOWN';

/** A command broke a rule of the domain: nothing was written. `field` names the input at fault. */
export class OrganizationRuleViolation extends Error {
  constructor(
    readonly code: OrganizationRuleCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'OrganizationRuleViolation';
  }
}

export function violation(code: OrganizationRuleCode, message: string, field: string | null = null): never {
  throw new OrganizationRuleViolation(code, message, field);
}
