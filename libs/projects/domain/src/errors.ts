/** The stable codes of the projects domain's refusals (the GraphQL error's `extensions.code`). */
export type ProjectRuleCode =
  | 'PROJECT_ALREADY_EXISTS'
  | 'PROJECT_NOT_FOUND'
  | 'PROJECT_STATE_NOT_ALLOWED'
  | 'PROJECT_NEEDS_REQUIRED'
  | 'PROJECT_NOT_CLAIMED'
  | 'PROJECT_ALREADY_CLAIMED_BY_UNIT'
  | 'PROJECT_CLAIM_INVALID'
  | 'PROJECT_SIGN_IN_DUPLICATE'
  | 'PROJECT_SCORES_INVALID'
  | 'PROJECT_ALREADY_RATED'
  | 'PROJECT_RATING_CLOSED'
  | 'DATE_IN_FUTURE'
  | 'DATE_OUT_OF_ORDER';

/** A command broke a rule of the projects domain: nothing was written. `field` names the input at fault. */
export class ProjectRuleViolation extends Error {
  constructor(
    readonly code: ProjectRuleCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ProjectRuleViolation';
  }
}

export function refuse(code: ProjectRuleCode, message: string, field: string | null = null): never {
  throw new ProjectRuleViolation(code, message, field);
}
