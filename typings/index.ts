export * from './actions';
export * from './enums';
export * from './envelope';
