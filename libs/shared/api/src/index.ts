export * from './errors';
export * from './mongo';
export * from './subgraph';
