export * from './board';
export * from './entity';
export * from './link';
export * from './pixel';
export * from './report';
export * from './team';
export * from './user';
export * from './website';
