export * from './errors';
export * from './mongo';
export * from './subgraph';
export * from './catch-up';
