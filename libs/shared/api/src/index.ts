export * from './errors';
export * from './mongo';
export * from './subgraph';
export * from './query-log';
export * from './validation';
export * from './paging';
export * from './connection';
