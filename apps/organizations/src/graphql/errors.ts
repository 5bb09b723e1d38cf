import { InputValidationError, createErrorFormatter } from '@lianjian/api';
import { OrganizationRuleViolation } from '@lianjian/organizations-domain';

export { InputValidationError };

/** Errors of the organizations subgraph: see createErrorFormatter for the codes. */
export const formatError = createErrorFormatter('organizations', [OrganizationRuleViolation]);
