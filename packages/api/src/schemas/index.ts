export * from './time';
export * from './user';
