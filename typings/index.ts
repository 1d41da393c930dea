export * from './actions';
export * from './enums';
export * from './envelope';
export * from './events';
export * from './services';
