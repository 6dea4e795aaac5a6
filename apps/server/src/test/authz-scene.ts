import type { InjectOptions } from 'fastify';
import type { RoleName } from '../db/types.ts';
import type { Client, TestContext } from './harness.ts';

export const ALL_ROLES: RoleName[] = [
  'platform_admin',
  'organiser',
  'unit_admin',
  'supervisor',
  'judge',
  'member',
];

/**
 * The world every authorisation-matrix entry runs in. Each role is held by one account on unit A,
 * so "inside" means a resource under unit A and "outside" one under its sibling unit B.
 */
export async function buildScene(t: TestContext) {
  const f = t.factories;
  const city = await f.org({ name: '矩阵市委', type: 'committee' });
  const unitA = await f.org({ name: '甲单位', type: 'unit', parent: city });
  const unitB = await f.org({ name: '乙单位', type: 'unit', parent: city });
  const branchA = await f.org({ name: '甲单位第一党支部', type: 'branch', parent: unitA });
  const branchB = await f.org({ name: '乙单位第一党支部', type: 'branch', parent: unitB });
  const side = { inside: { unit: unitA, branch: branchA }, outside: { unit: unitB, branch: branchB } };
  const clients = {} as Record<RoleName, Client>;
  for (const role of ALL_ROLES) {
    await f.user([{ role, org: unitA }], { username: `m_${role}` });
    clients[role] = await t.login(`m_${role}`);
  }
  const userIn = {
    inside: await f.user([{ role: 'member', org: branchA }]),
    outside: await f.user([{ role: 'member', org: branchB }]),
  };
  return { t, city, unitA, unitB, side, clients, userIn };
}

export type Scene = Awaited<ReturnType<typeof buildScene>>;
export type Side = 'inside' | 'outside';
/**
 * ok = 2xx; deny = 403 or 404; pass = authorised but the (deliberately harmless) request may be
 * refused for another reason, e.g. 400/409 — never 401/403/404/5xx.
 */
export type Outcome = 'ok' | 'deny' | 'pass';

export interface MatrixEntry {
  /** "METHOD /api/url/:param" exactly as registered. */
  route: string;
  /** Builds a valid request against a fresh resource on the given side (unique data per call via n). */
  request: (s: Scene, side: Side, n: number) => Promise<InjectOptions> | InjectOptions;
  /** Expected outcome per role: [inside unit A, outside (unit B)]. */
  expect: Record<RoleName, readonly [Outcome, Outcome]>;
}

/** Shorthands for common rows. */
export const rows = {
  anyone: {
    platform_admin: ['pass', 'pass'],
    organiser: ['pass', 'pass'],
    unit_admin: ['pass', 'pass'],
    supervisor: ['pass', 'pass'],
    judge: ['pass', 'pass'],
    member: ['pass', 'pass'],
  },
  everyone: {
    platform_admin: ['ok', 'ok'],
    organiser: ['ok', 'ok'],
    unit_admin: ['ok', 'ok'],
    supervisor: ['ok', 'ok'],
    judge: ['ok', 'ok'],
    member: ['ok', 'ok'],
  },
  nobody: {
    platform_admin: ['deny', 'deny'],
    organiser: ['deny', 'deny'],
    unit_admin: ['deny', 'deny'],
    supervisor: ['deny', 'deny'],
    judge: ['deny', 'deny'],
    member: ['deny', 'deny'],
  },
} as const satisfies Record<string, MatrixEntry['expect']>;

export function only(roles: Partial<Record<RoleName, readonly [Outcome, Outcome]>>): MatrixEntry['expect'] {
  return { ...rows.nobody, ...roles };
}
