import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Clock } from './clock.ts';
import type { Config } from '../config.ts';

/** What every feature module is built from. Tests pass their own clock and database. */
export interface AppDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
}
