import { createErrorFormatter } from '@lianjian/api';
import { ProjectRuleViolation } from '@lianjian/projects-domain';

/** Errors of the projects subgraph: see createErrorFormatter for the codes. */
export const formatError = createErrorFormatter('projects', [ProjectRuleViolation]);
