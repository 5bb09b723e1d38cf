import { type ValidationError } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AuthError } from '@lianjian/auth';
import { EventStoreError, WrongExpectedVersionError } from '@lianjian/event-store';

/** Input failed validation: `field` is the path of the first field at fault, `violations` all of them. */
export class InputValidationError extends Error {
  constructor(readonly violations: Array<{ field: string; constraints: string[] }>) {
    super(`invalid input: ${violations.map((v) => `${v.field}: ${v.constraints.join('; ')}`).join(', ')}`);
    this.name = 'InputValidationError';
  }

  static from(errors: ValidationError[]): InputValidationError {
    const flat: Array<{ field: string; constraints: string[] }> = [];
    const walk = (list: ValidationError[], prefix: string): void => {
      for (const e of list) {
        const path = prefix ? `${prefix}.${e.property}` : e.property;
        if (e.constraints) flat.push({ field: path, constraints: Object.values(e.constraints) });
        if (e.children?.length) walk(e.children, path);
      }
    };
    walk(errors, '');
    // the resolver argument is called `input`: report fields relative to it
    return new InputValidationError(flat.map((v) => ({ ...v, field: v.field.replace(/^input\./, '') })));
  }

  static of(field: string, constraint: string): InputValidationError {
    return new InputValidationError([{ field, constraints: [constraint] }]);
  }
}

/** A domain's rule violation: a stable code and the input field at fault. */
export type RuleViolationClass = abstract new (
  ...args: never[]
) => Error & { readonly code: string; readonly field: string | null };

/**
 * The one place where failures become GraphQL errors with a stable `extensions.code` and the field at fault:
 * BAD_USER_INPUT, the domain rule's own code (e.g. ORGANIZATION_HAS_CHILDREN), CONFLICT (retryable),
 * UNAUTHENTICATED, FORBIDDEN. Anything else is an INTERNAL_SERVER_ERROR without details.
 */
export function createErrorFormatter(service: string, ruleViolations: readonly RuleViolationClass[]) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof InputValidationError) {
      return {
        ...base,
        message: original.message,
        extensions: {
          code: 'BAD_USER_INPUT',
          field: original.violations[0]?.field ?? null,
          violations: original.violations,
        },
      };
    }
    for (const type of ruleViolations) {
      if (original instanceof type)
        return { ...base, message: original.message, extensions: { code: original.code, field: original.field } };
    }
    if (original instanceof WrongExpectedVersionError) {
      return {
        ...base,
        message: original.message,
        extensions: {
          code: 'CONFLICT',
          field: 'expectedVersion',
          retryable: true,
          actualVersion: original.actualVersion,
        },
      };
    }
    if (original instanceof EventStoreError) {
      return { ...base, message: original.message, extensions: { code: original.code, field: 'commandId' } };
    }
    if (original instanceof AuthError) {
      return { ...base, message: original.message, extensions: { code: original.code, field: null } };
    }
    if (original instanceof GraphQLError) return formatted; // parse and validation errors of graphql itself
    const code = formatted.extensions?.['code'];
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT')
      return formatted;
    console.error(`[${service}] unexpected error`, original);
    return { ...base, message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
