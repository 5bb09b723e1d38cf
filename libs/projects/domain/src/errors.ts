/** The stable codes of the projects domain's refusals (the GraphQL error's `extensions.code`). */
export type ProjectRuleCode =
  // projects
  | 'PROJECT_ALREADY_EXISTS'
  | 'PROJECT_NOT_FOUND'
  | 'PROJECT_STATE_NOT_ALLOWED'
  | 'PROJECT_NEEDS_REQUIRED'
  | 'PROJECT_INVALID'
  | 'PROJECT_NOT_CLAIMED'
  | 'PROJECT_ALREADY_CLAIMED_BY_UNIT'
  | 'PROJECT_CLAIM_INVALID'
  | 'PROJECT_RESOURCE_USE_INVALID'
  | 'PROJECT_SIGN_IN_DUPLICATE'
  | 'PROJECT_SIGN_IN_INVALID'
  | 'PROJECT_SCORES_INVALID'
  | 'INDICATOR_SET_INVALID'
  // ratings
  | 'PROJECT_ALREADY_RATED'
  | 'PROJECT_RATING_CLOSED'
  | 'RATING_LEVEL_INVALID'
  | 'RATING_COMMENT_TOO_LONG'
  // councils
  | 'COUNCIL_ALREADY_EXISTS'
  | 'COUNCIL_NOT_FOUND'
  | 'COUNCIL_INVALID'
  | 'UNIT_ALREADY_MEMBER'
  | 'UNIT_NOT_MEMBER'
  | 'REPRESENTATIVE_NOT_OF_UNIT'
  | 'SEAT_TAKEN'
  | 'SEAT_NOT_FILLED'
  | 'REPRESENTATIVE_HOLDS_SEAT'
  | 'SESSION_ALREADY_HELD'
  | 'SESSION_NOT_FOUND'
  | 'SESSION_ATTENDEES_REQUIRED'
  | 'SESSION_ATTENDEE_NOT_MEMBER'
  | 'RESOLUTIONS_INVALID'
  | 'RESOLUTION_NOT_FOUND'
  // what the application checks against the organizations service's tree and unit registry
  | 'ORGANIZATION_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'UNIT_ORGANIZATION_INVALID'
  | 'APPROVER_NOT_SUPERIOR'
  // pairings
  | 'PAIRING_ALREADY_EXISTS'
  | 'PAIRING_NOT_FOUND'
  | 'PAIRING_INVALID'
  | 'PAIRING_ALREADY_ENDED'
  // needs
  | 'NEED_ALREADY_EXISTS'
  | 'NEED_NOT_FOUND'
  | 'NEED_INVALID'
  | 'NEED_STATE_NOT_ALLOWED'
  | 'NEED_NOT_A_WISH'
  // resources
  | 'RESOURCE_ALREADY_EXISTS'
  | 'RESOURCE_NOT_FOUND'
  | 'RESOURCE_INVALID'
  | 'RESOURCE_WITHDRAWN'
  | 'RESOURCE_INSUFFICIENT'
  | 'RESOURCE_NOT_AVAILABLE'
  /** A resource drawn on for a unit's use that another unit offered. */
  | 'RESOURCE_NOT_OF_UNIT'
  // the "most creative project" selection
  | 'SELECTION_PERIOD_INVALID'
  | 'PROJECT_ALREADY_NOMINATED'
  | 'PROJECT_NOT_OF_COUNCIL'
  | 'PROJECT_NOT_NOMINATED'
  | 'VOTE_ALREADY_CAST'
  | 'SELECTION_CLOSED'
  | 'SELECTION_NO_VOTES'
  | 'SELECTION_TIED'
  | 'SELECTION_TIE_BREAK_INVALID'
  // dates
  | 'DATE_INVALID'
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
