import pkg from '../../package.json' with { type: 'json' };

/** Inlined at build time (the compiled server has no package.json beside it). */
export const APP_VERSION: string = pkg.version;
