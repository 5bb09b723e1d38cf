export * from './servers';
export * from './process';
export * from './subgraph';
