export * from './topics';
export * from './schemas';
export * from './render-docs';
