export * from './roles.ts';
export * from './org.ts';
export * from './campaign.ts';
export * from './entry.ts';
export * from './review.ts';
export * from './beijing-time.ts';
export * from './text.ts';
export * from './password.ts';
