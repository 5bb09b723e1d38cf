import { type Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DEFAULT_PAGE, type Page, encodeCursor } from './paging';

/** The resolver arguments of a paged list: `first: Int = 50`, `after: String`. */
export const FIRST_ARG = { type: () => Int, defaultValue: DEFAULT_PAGE };
export const AFTER_ARG = { type: () => String, nullable: true };

/** `PageInfo { hasNextPage endCursor }` under the name a subgraph gives it (once per name: Nest's registry is global). */
export function PageInfoType(name: string) {
  @ObjectType(name)
  class PageInfo {
    @Field() hasNextPage!: boolean;
    @Field(() => String, { nullable: true }) endCursor!: string | null;
  }
  return PageInfo;
}

/**
 * A cursor-paged list (Relay style): `<Name>Connection { edges { cursor node } pageInfo totalCount }`, with the
 * subgraph's shared page info type, or its own `<Name>PageInfo` when none is given.
 */
export function Connection<T>(node: Type<T>, name: string, pageInfo: Type<unknown> = PageInfoType(`${name}PageInfo`)) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => pageInfo) pageInfo!: { hasNextPage: boolean; endCursor: string | null };
    @Field(() => Int) totalCount!: number;
  }
  return ConnectionType;
}

/** A page as a connection: each item an edge with its cursor, mapped to its GraphQL model. */
export function connection<V extends { _id: string }, M>(page: Page<V>, map: (v: V) => M) {
  return {
    edges: page.items.map((item) => ({ cursor: encodeCursor(item._id), node: map(item) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}
