import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { type ArgumentsHost, Catch, type INestApplication, ValidationPipe } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { type GqlContextType } from '@nestjs/graphql';
import { type GraphQLFormattedError, GraphQLError } from 'graphql';
import { throwError } from 'rxjs';
import { AuthError, CALLER_HEADER, type Caller, verifyInternalToken } from '@lianjian/auth';
import { InputValidationError } from './errors';
import { maxRootFieldsRule } from './limits';

/** Root fields an operation may select in one subgraph (limits.ts). */
export const MAX_ROOT_FIELDS = 20;

export interface SubgraphOptions<Context> {
  /** Where to write the SDL (the supergraph is composed from it); null keeps it in memory. */
  readonly schemaFile: string | null;
  readonly gatewaySecret: string;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** The request context, once the gateway-signed caller is verified. */
  readonly context: (caller: Caller) => Context;
  /** Root fields per operation (MAX_ROOT_FIELDS when not given). */
  readonly maxRootFields?: number;
}

/**
 * The GraphQL settings every Lianjian subgraph shares: Federation 2 from code, no IDE or stack traces, CSRF
 * prevention, the service's error formatter, and a context built only for callers the gateway signed (401 otherwise).
 */
export function subgraphGraphQLConfig<Context>(
  options: SubgraphOptions<Context>,
): Omit<ApolloFederationDriverConfig, 'driver'> {
  return {
    autoSchemaFile: options.schemaFile ? { path: options.schemaFile, federation: 2 } : { federation: 2 },
    sortSchema: true,
    playground: false,
    graphiql: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    validationRules: [maxRootFieldsRule(options.maxRootFields ?? MAX_ROOT_FIELDS)],
    formatError: (formatted, error) => options.formatError(withOwnValidationCode(formatted, error), error),
    context: async ({ req }: { req: { headers: Record<string, string | string[] | undefined> } }): Promise<Context> => {
      const header = req.headers[CALLER_HEADER];
      try {
        return options.context(
          await verifyInternalToken(Array.isArray(header) ? header[0] : header, options.gatewaySecret),
        );
      } catch (error) {
        const [code, message] =
          error instanceof AuthError
            ? [error.code, error.message]
            : ['UNAUTHENTICATED', 'calls must come through the gateway'];
        throw new GraphQLError(message, { extensions: { code, http: { status: 401 } } });
      }
    },
  };
}

/**
 * Apollo Server reports every failed validation rule as GRAPHQL_VALIDATION_FAILED; a rule of ours that gives its
 * refusal a code of its own (TOO_MANY_ROOT_FIELDS) keeps it, so clients can tell the limit from a malformed query.
 */
function withOwnValidationCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const code = original instanceof GraphQLError ? original.extensions['code'] : undefined;
  if (formatted.extensions?.['code'] !== 'GRAPHQL_VALIDATION_FAILED' || typeof code !== 'string') return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}

/** class-validator on every input: unknown fields refused, failures reported as BAD_USER_INPUT with the field. */
export function useInputValidation(app: INestApplication): void {
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => InputValidationError.from(errors),
    }),
  );
}

/**
 * Nest logs every error a resolver throws at ERROR level with its stack — a refusal such as "no organization b-9"
 * included. In GraphQL the service's error formatter decides instead: refusals and invalid input become errors with
 * their code and field, and only the unexpected are logged (there). HTTP keeps Nest's handling. A Kafka handler's
 * error goes back to the transport as it was thrown, so the consumer tells poison (dead-lettered at once) from a
 * transient failure (retried); Nest's own handling would log it and hand on only "Internal server error".
 */
@Catch()
class GraphQLErrorsToFormatter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    const type = host.getType<GqlContextType>();
    if (type === 'graphql') return exception instanceof Error ? exception : new Error(String(exception));
    if (type === 'http') return super.catch(exception, host);
    return throwError(() => exception);
  }
}

/** Resolver errors go to the error formatter without Nest logging each refusal as a failure. */
export function useGraphQLErrorFormatter(app: INestApplication): void {
  app.useGlobalFilters(new GraphQLErrorsToFormatter(app.getHttpAdapter()));
}
