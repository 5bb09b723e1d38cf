import { createErrorFormatter } from '@lianjian/api';
import { MemberRuleViolation } from '@lianjian/members-domain';

/** Errors of the members subgraph: see createErrorFormatter for the codes. */
export const formatError = createErrorFormatter('members', [MemberRuleViolation]);
