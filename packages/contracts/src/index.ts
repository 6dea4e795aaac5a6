export * from './roles.ts';
export * from './org.ts';
