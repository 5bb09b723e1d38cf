export * from './configuration-error';
export * from './env';
export * from './rules-file';
export * from './subgraph';
export * from './master-key';
