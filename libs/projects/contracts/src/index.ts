export * from './topics';
export * from './messages';
export * from './contract';
export * from './render-docs';
export * from './upcasters';
