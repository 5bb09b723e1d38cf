import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { expressMiddleware } from '@as-integrations/express5';
import { type INestApplication } from '@nestjs/common';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type Collection, type Db } from 'mongodb';
import { z } from 'zod';
import { DB } from '@lianjian/api';
import { type Clock } from '@lianjian/calendar';
import {
  NEED_CATEGORIES,
  NEED_KINDS,
  ProjectRuleViolation,
  SATISFACTION_LEVELS,
  type Council,
} from '@lianjian/projects-domain';
import { RATING_COMMENT_MAX } from '@lianjian/projects-domain';
import { type ProjectsReadModel } from '../application/ports';
import { RatingCommands } from '../application/rating/rating.commands';
import { MongoProjectsReadModel } from '../infrastructure/mongo-read-models';
import { type ProjectsSettings } from '../settings';
import { linkKey, openLinkCode, signLinkCode } from './link-code';
import { PublicRefusal, variableField } from './public-errors';
import { COMMENT_GUIDANCE, PUBLIC_SCHEMA } from './public-schema';
import { PublicRateLimit, type RateCounter, clientAddress, proxyList, rateLimitKey } from './rate-limit';
import { type RenderedPage, errorPage, needPage, ratingPage } from './public-pages';
import { raterKey, raterKeySecret } from './rater-key';

/** The needs slice's public entry points (the lists slice's NeedCommands / NeedQueries). */
export interface PublicNeeds {
  submit(input: {
    councilId: string;
    needKind: (typeof NEED_KINDS)[number];
    category: (typeof NEED_CATEGORIES)[number];
    title: string;
    description: string;
    place: string | null;
    submitterKind: 'Resident' | 'OfficeWorker';
    contact: { name: string | null; phone: string | null } | null;
    submittedOn: string;
  }): Promise<{ needId: string }>;
  receipt(needId: string): Promise<{
    needKind: (typeof NEED_KINDS)[number];
    status: string;
    since: string;
    projectId: string | null;
    claimedByUnitId: string | null;
    reason: string | null;
  } | null>;
}

export interface PublicPorts {
  readonly settings: ProjectsSettings;
  readonly clock: Clock;
  readonly ratings: RatingCommands;
  readonly read: ProjectsReadModel;
  readonly counters: Collection<RateCounter>;
  readonly needs: PublicNeeds;
  readonly log: (error: unknown) => void;
}

/** A phone number as people write it: digits, spaces, +, - and parentheses (as the subgraph's NeedContactInput). */
const PHONE = /^[0-9+\-() ]{3,30}$/;

const text = (max: number) => z.string().trim().min(1).max(max);
const LINK = z.string().min(1).max(200);

const RATE_INPUT = z.object({
  link: LINK,
  contact: z.string().max(40),
  level: z.enum(SATISFACTION_LEVELS),
  comment: z
    .string()
    .max(RATING_COMMENT_MAX * 4)
    .nullish(),
});

const NEED_INPUT = z.object({
  link: LINK,
  kind: z.enum(NEED_KINDS),
  category: z.enum(NEED_CATEGORIES),
  title: text(100),
  description: text(2000),
  place: z.string().trim().max(200).nullish(),
  submitterKind: z.enum(['Resident', 'OfficeWorker']).nullish(),
  contact: z
    .object({
      name: z.string().trim().max(50).nullish(),
      phone: z.string().trim().regex(PHONE, 'phone must be a phone number').nullish(),
    })
    .nullish(),
});

/** The input, or BAD_USER_INPUT naming the first field at fault (nothing is stored on a bad input). */
function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || null;
  throw new PublicRefusal('BAD_USER_INPUT', `invalid input: ${field ?? 'input'}: ${issue.message}`, field);
}

/** A domain field the public caller never sees by that name: the link stands for the project or council. */
const publicField = (field: string | null): string | null =>
  field === 'projectId' || field === 'councilId' || field === 'needId' ? 'link' : field;

/** Errors with a stable code and the field at fault; nothing else (no stack, no internal message). */
export function formatPublicError(log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof PublicRefusal)
      return { ...base, message: original.message, extensions: { code: original.code, field: original.field } };
    if (original instanceof ProjectRuleViolation)
      return {
        ...base,
        message: original.message,
        extensions: { code: original.code, field: publicField(original.field) },
      };
    // parse and validation errors of graphql itself (a field this schema does not have, a wrong type); a variable's
    // value the schema refuses (a kind the form does not offer) names its field as the other refusals do
    if (original instanceof GraphQLError) {
      const code = formatted.extensions?.['code'] ?? 'GRAPHQL_VALIDATION_FAILED';
      return code === 'BAD_USER_INPUT'
        ? { ...base, extensions: { code, field: variableField(formatted.message) } }
        : { ...base, extensions: { code } };
    }
    log(original);
    return { ...base, message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * The forms a link opens, for the public schema's ratingForm / needForm and the pages `/public/rate` /
 * `/public/need`: the same link check (LINK_INVALID / LINK_EXPIRED on `link`) and the same data.
 */
export function publicForms(ports: PublicPorts) {
  const key = linkKey(ports.settings.masterKey);
  const today = () => ports.clock.today();
  return {
    rating: async (args: { link: unknown }) => {
      const { link } = parse(z.object({ link: LINK }), args);
      const claims = openLinkCode(key, link, 'rate', today());
      const form = await ports.ratings.form(claims.id);
      if (!form) throw new PublicRefusal('LINK_INVALID', 'this link names no project', 'link');
      return {
        link,
        title: form.title,
        councilName: form.councilName,
        levels: SATISFACTION_LEVELS,
        commentGuidance: COMMENT_GUIDANCE,
        open: form.open,
      };
    },
    need: async (args: { link: unknown }) => {
      const { link } = parse(z.object({ link: LINK }), args);
      const claims = openLinkCode(key, link, 'need', today());
      const council = (await ports.read.view<Council>('council', claims.id))?.state;
      if (!council) throw new PublicRefusal('LINK_INVALID', 'this link names no council', 'link');
      return { link, councilName: council.name, kinds: NEED_KINDS, categories: NEED_CATEGORIES };
    },
  };
}

/** The resolvers of the public schema. */
export function publicResolvers(ports: PublicPorts) {
  const key = linkKey(ports.settings.masterKey);
  const raters = raterKeySecret(ports.settings.masterKey);
  const today = () => ports.clock.today();
  const forms = publicForms(ports);
  return {
    Query: {
      ratingForm: (_: unknown, args: { link: string }) => forms.rating(args),
      needForm: (_: unknown, args: { link: string }) => forms.need(args),
      needReceipt: async (_: unknown, args: { code: string }) => {
        const { code } = parse(z.object({ code: LINK }), args);
        let claims;
        try {
          claims = openLinkCode(key, code, 'receipt', today());
        } catch (error) {
          if (error instanceof PublicRefusal) throw new PublicRefusal(error.code, error.message, 'code');
          throw error;
        }
        const outcome = await ports.needs.receipt(claims.id);
        return outcome
          ? {
              kind: outcome.needKind,
              status: outcome.status,
              since: outcome.since,
              reason: outcome.reason,
              takenUpByProject: outcome.projectId !== null,
              claimedByUnit: outcome.claimedByUnitId !== null,
            }
          : null;
      },
    },
    Mutation: {
      rateProject: async (_: unknown, args: { input: unknown }) => {
        const input = parse(RATE_INPUT, args.input);
        const claims = openLinkCode(key, input.link, 'rate', today());
        const rated = await ports.ratings.rate({
          projectId: claims.id,
          raterKey: raterKey(raters, claims.id, input.contact),
          level: input.level,
          comment: input.comment ?? null,
        });
        return { level: rated.level, comment: rated.comment };
      },
      submitNeed: async (_: unknown, args: { input: unknown }) => {
        const input = parse(NEED_INPUT, args.input);
        const claims = openLinkCode(key, input.link, 'need', today());
        const submitted = await ports.needs.submit({
          councilId: claims.id,
          needKind: input.kind,
          category: input.category,
          title: input.title,
          description: input.description,
          place: input.place ?? null,
          submitterKind: input.submitterKind ?? 'Resident',
          contact: input.contact ? { name: input.contact.name ?? null, phone: input.contact.phone ?? null } : null,
          submittedOn: today(),
        });
        return { receiptCode: signLinkCode(key, { purpose: 'receipt', id: submitted.needId, validUntil: null }) };
      },
    },
  };
}

/**
 * Serves `/public/graphql` on the service's own port (the ingress routes `/public/` to it; the gateway is not
 * involved): its own small schema, CSRF prevention, introspection only outside production, no stack traces, and
 * a rate limit per client address and minute shared by every instance. Beside it, the pages the links and QR codes
 * open, `GET /public/rate?l=<code>` and `GET /public/need?l=<code>` (public-pages.ts), under the same rate limit and
 * link check: a link that does not open renders an error page (400 invalid, 410 expired) and nothing else.
 */
export async function mountPublicEndpoint(app: INestApplication, ports: PublicPorts): Promise<ApolloServer> {
  const server = new ApolloServer({
    typeDefs: PUBLIC_SCHEMA,
    resolvers: publicResolvers(ports),
    csrfPrevention: true,
    introspection: ports.settings.publicIntrospection,
    includeStacktraceInErrorResponses: false,
    formatError: formatPublicError(ports.log),
  });
  await server.start();
  const limit = new PublicRateLimit(
    ports.counters,
    ports.settings.publicRequestsPerMinute,
    rateLimitKey(ports.settings.masterKey),
  );
  const proxies = proxyList(ports.settings.trustedProxies);
  const limitedWith =
    (refused: (response: Response, error: PublicRefusal) => void) =>
    (request: Request, response: Response, next: NextFunction): void => {
      const address = clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], proxies);
      limit.hit(address).then(
        () => next(),
        (error: unknown) => {
          if (error instanceof PublicRefusal) refused(response, error);
          else next(error);
        },
      );
    };
  const limited = limitedWith((response, error) =>
    response.status(429).json({ errors: [{ message: error.message, extensions: { code: error.code, field: null } }] }),
  );
  app.use('/public/graphql', limited, expressMiddleware(server, { context: () => Promise.resolve({}) }));

  const send = (response: Response, page: RenderedPage): void => {
    response.status(page.status).set(page.headers).send(page.html);
  };
  const forms = publicForms(ports);
  const pageOf =
    (render: (link: unknown) => Promise<RenderedPage>) =>
    (request: Request, response: Response): void => {
      render(request.query['l']).then(
        (page) => send(response, page),
        (error: unknown) => {
          if (error instanceof PublicRefusal || error instanceof ProjectRuleViolation)
            send(response, errorPage(error.code === 'LINK_EXPIRED' ? 410 : 400));
          else {
            ports.log(error);
            send(response, errorPage(500));
          }
        },
      );
    };
  const limitedPage = limitedWith((response) => send(response, errorPage(429)));
  // by GET (and HEAD) on exactly these paths
  const pages = Router();
  pages.get(
    '/public/rate',
    limitedPage,
    pageOf(async (link) => ratingPage(await forms.rating({ link }))),
  );
  pages.get(
    '/public/need',
    limitedPage,
    pageOf(async (link) => needPage(await forms.need({ link }))),
  );
  app.use(pages);
  return server;
}

/** The public endpoint's ports from the Nest app's providers. */
export function publicPortsOf(
  app: INestApplication,
  settings: ProjectsSettings,
  needs: PublicNeeds,
  clock: Clock,
  log: (error: unknown) => void,
): PublicPorts {
  const db = app.get<Db>(DB);
  return {
    settings,
    clock,
    ratings: app.get(RatingCommands),
    read: app.get(MongoProjectsReadModel),
    counters: db.collection<RateCounter>('public_rate_counters'),
    needs,
    log,
  };
}
