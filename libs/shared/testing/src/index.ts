export * from './servers';
export * from './process';
export * from './subgraph';
export * from './query-shapes';
export * from './date-inputs';
export * from './untouchable';
export * from './subgraph-process';
export * from './log-scan';
