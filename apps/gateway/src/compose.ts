import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

/** Where each subgraph is reached by default (docker-compose service names); the gateway overrides them from env. */
export const DEFAULT_SUBGRAPH_URLS: Readonly<Record<string, string>> = {
  organizations: 'http://organizations:4001/graphql',
  members: 'http://members:4002/graphql',
  projects: 'http://projects:4003/graphql',
};

/** Composes the Federation 2 supergraph from the subgraphs' SDL, statically (no introspection at run time). */
export function composeSupergraph(subgraphs: Readonly<Record<string, string>>): string {
  return `${compose(subgraphs).supergraphSdl.trim()}\n`;
}

/** The schema clients see (the supergraph without its federation machinery): operations are validated against it. */
export function composeApiSchema(subgraphs: Readonly<Record<string, string>>): string {
  return compose(subgraphs).publicSdl;
}

function compose(subgraphs: Readonly<Record<string, string>>): { supergraphSdl: string; publicSdl: string } {
  const result = composeServices(
    Object.entries(subgraphs)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, sdl]) => ({
        name,
        typeDefs: parse(sdl),
        url: DEFAULT_SUBGRAPH_URLS[name] ?? `http://${name}:4000/graphql`,
      })),
  );
  if (result.errors?.length)
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  if (!('supergraphSdl' in result) || !result.supergraphSdl) throw new Error('composition produced no supergraph');
  return { supergraphSdl: result.supergraphSdl, publicSdl: result.publicSdl };
}
