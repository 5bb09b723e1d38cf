export * from './model';
export * from './errors';
export * from './rules';
export * from './organization';
export * from './registry';
export * from './compliance';
export * from './coverage';
export * from './meeting';
