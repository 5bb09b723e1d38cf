export * from './calendar';
export * from './clock';
