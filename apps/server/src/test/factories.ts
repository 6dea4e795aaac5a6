import type { AppDeps } from '../lib/deps.ts';
import type { OrgType, RoleName } from '../db/types.ts';
import { hashPassword } from '../lib/password.ts';

let seq = 0;
const next = () => ++seq;

/** Test data through factories: each call makes a fresh, valid row with only what the test cares about set. */
export class Factories {
  static readonly PASSWORD = 'Test2026pass';
  private hash: Promise<string> | undefined;
  constructor(private readonly deps: AppDeps) {}

  async org(
    input: {
      name?: string;
      type?: OrgType;
      parent?: { id: string; path: string; depth: number } | null;
      code?: string;
    } = {},
  ) {
    const { db } = this.deps;
    const parent = input.parent ?? null;
    const n = next();
    return db.transaction().execute(async (tx) => {
      const { id } = await tx
        .insertInto('orgs')
        .values({
          parent_id: parent?.id ?? null,
          path: `tmp-${n}-${Math.random()}`,
          depth: parent ? parent.depth + 1 : 0,
          name: input.name ?? `测试组织${n}`,
          type: input.type ?? (parent ? 'branch' : 'committee'),
          code: input.code ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = `${parent?.path ?? ''}${id}.`;
      return tx
        .updateTable('orgs')
        .set({ path })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  async member(
    org: { id: string; path: string },
    input: {
      name?: string;
      phone?: string | null;
      gender?: 'male' | 'female';
      partyStatus?: 'full' | 'probationary';
      positions?: string[];
    } = {},
  ) {
    const n = next();
    return this.deps.db
      .insertInto('members')
      .values({
        org_id: org.id,
        org_path: org.path,
        name: input.name ?? `党员${n}`,
        gender: input.gender ?? 'male',
        phone: input.phone === undefined ? `139${String(10000000 + n).slice(-8)}` : input.phone,
        party_status: input.partyStatus ?? 'full',
        positions: input.positions ?? ['党员'],
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** An account with roles granted on orgs; password is Factories.PASSWORD, no forced change. */
  async user(
    grants: { role: RoleName; org: { id: string; path: string } }[],
    input: { username?: string; displayName?: string; mustChange?: boolean } = {},
  ) {
    const { db } = this.deps;
    this.hash ??= hashPassword(Factories.PASSWORD);
    const n = next();
    const user = await db
      .insertInto('users')
      .values({
        username: input.username ?? `user${n}`,
        display_name: input.displayName ?? `用户${n}`,
        password_hash: await this.hash,
        must_change_password: input.mustChange ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const g of grants) {
      await db
        .insertInto('role_grants')
        .values({ user_id: user.id, role: g.role, org_id: g.org.id, org_path: g.org.path })
        .execute();
    }
    return user;
  }
}
