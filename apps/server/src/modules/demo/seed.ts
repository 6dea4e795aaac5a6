import { sql, type Transaction } from 'kysely';
import type { DB, NewMember } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { audit } from '../audit/service.ts';
import { seedDemoCampaigns } from './campaigns.ts';
import { seedDemoEntries } from './entries.ts';
import { seedReviewCandidates } from './review-candidates.ts';
import { planCity, type PlannedOrg } from './city-plan.ts';
import { prepareFinalistMedia } from './finalist-media.ts';
import { SEASON_SEED, seedDemoSeason } from './season.ts';
import { seedDemoPools } from './pools.ts';
import { seedDemoOrders } from './orders.ts';
import { seedDemoClassroom } from './classroom.ts';
import { prepareSeasonPhotos } from './season-photos.ts';
import { branchPositions, chineseName, createRandom, demoPhone, joinDate } from './people.ts';
import {
  createDemoAccounts,
  prepareDemoPasswords,
  type DemoAccount,
  type DemoMemberRef,
} from './accounts.ts';

export type { DemoAccount };

const BATCH = 1_000;
const CITY_SEED = 20_200_701; // the Yueyang campaign's launch month; any constant would do
// Serialises concurrent first starts of several app instances on one PostgreSQL server.
const SEED_LOCK_KEY = 7_426_001;

export interface SeedOptions {
  log: (line: string) => void;
  /** Overrides DEMO_PASSWORD from the configuration (tests). */
  password?: string;
  /** false: no generated video and 推荐表 for the 复赛 finalists (tests that do not look at them). */
  finalistMedia?: boolean;
}

/**
 * Fills an empty database with the demo city 「演示市」, one demo account per role, two
 * published campaigns, the 岳阳-style campaign's branch season (plans, lecture records, notices) and the
 * 焦作-style campaign's 师资库, 宣讲菜单 and orders. Does nothing (returns null) when any organisation exists, so a real
 * installation is never touched. All or nothing: one transaction.
 */
export async function seedDemoIfEmpty(
  deps: AppDeps,
  { log, password, finalistMedia = true }: SeedOptions,
): Promise<null | { accounts: DemoAccount[] }> {
  const { db, clock, config } = deps;
  if (await hasOrgs(db)) return null;
  const started = Date.now();
  // Hash outside the transaction: scrypt is slow on purpose and needs no database.
  // ffmpeg (about 2 s for the 5-second 720p clip) and the season's photos (about 1 s) run beside the
  // hashing, before the transaction.
  const [passwords, media, seasonPhotos] = await Promise.all([
    prepareDemoPasswords(password ?? config.DEMO_PASSWORD),
    finalistMedia ? prepareFinalistMedia(log) : null,
    prepareSeasonPhotos(SEASON_SEED),
  ]);
  const result = await db
    .transaction()
    .execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(tx);
      if (await hasOrgs(tx)) return null;
      const random = createRandom(CITY_SEED);
      const orgs = await insertOrgs(tx, planCity(random));
      const members = await insertMembers(tx, orgs, random, clock.now());
      const { accounts, userIds } = await createDemoAccounts(tx, orgs, members.educationSecretary, passwords);
      const campaigns = await seedDemoCampaigns(tx, {
        orgs,
        organiserUserId: userIds.get('organiser') ?? null,
        now: clock.now(),
      });
      const entries = await seedDemoEntries(tx, {
        orgs,
        skipMemberId: members.educationSecretary.id,
        now: clock.now(),
      });
      const reviewCandidates = await seedReviewCandidates(tx, deps, { orgs, now: clock.now(), media });
      const season = await seedDemoSeason(tx, deps, {
        orgs,
        userIds,
        memberBranchId: members.educationSecretary.orgId,
        now: clock.now(),
        photos: seasonPhotos,
      });
      const poolsStarted = Date.now();
      const pools = await seedDemoPools(tx, { orgs, userIds, now: clock.now() });
      const orders = pools
        ? await seedDemoOrders(tx, pools, {
            memberBranchId: members.educationSecretary.orgId,
            now: clock.now(),
          })
        : null;
      const poolsMs = Date.now() - poolsStarted;
      const classroom = await seedDemoClassroom(tx, deps, { orgs, userIds, now: clock.now() });
      const root = orgs.find((o) => o.tag === 'root');
      await audit(
        tx,
        { actor: null },
        {
          action: 'demo.seeded',
          entityType: 'org',
          entityId: root?.id ?? null,
          orgPath: root?.path ?? null,
          after: {
            orgs: orgs.length,
            branches: orgs.filter((o) => o.type === 'branch').length,
            members: members.count,
            accounts: accounts.map((a) => a.username),
            campaigns,
            entries,
            reviewCandidates,
            season,
            pools: pools?.counts ?? null,
            orders,
            classroom,
          },
        },
      );
      return {
        accounts,
        orgCount: orgs.length,
        memberCount: members.count,
        campaigns,
        lectures: season?.records.total ?? 0,
        speakers: pools?.counts.active ?? 0,
        orders: orders?.orders ?? 0,
        classroomLectures: classroom.lectures,
        poolsMs,
      };
    })
    .finally(() => media?.dispose());
  if (!result) return null;
  log(
    `已生成演示数据「演示市」：${result.orgCount} 个组织、${result.memberCount} 名党员、` +
      `${result.accounts.length} 个演示账号、${result.campaigns} 个已发布的活动、${result.lectures} 条宣讲记录、` +
      `${result.speakers} 名在库宣讲人、${result.orders} 条点单、${result.classroomLectures} 节微课（师资库与点单 ${result.poolsMs} 毫秒；用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  return { accounts: result.accounts };
}

async function hasOrgs(db: AppDeps['db'] | Transaction<DB>) {
  return (await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export interface SeededOrg extends PlannedOrg {
  id: string;
  path: string;
  depth: number;
}

/**
 * Ids are taken from the sequence up front, so every row is inserted once with its final
 * materialised path ("1.5.23.") — no second pass of updates.
 */
async function insertOrgs(tx: Transaction<DB>, plan: PlannedOrg[]): Promise<SeededOrg[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::text AS id FROM generate_series(1, ${plan.length})
  `.execute(tx);
  const seeded: SeededOrg[] = [];
  for (const org of plan) {
    const id = rows[org.index]?.id;
    if (!id) throw new Error('演示数据：组织编号不足');
    const parent = org.parentIndex === null ? null : seeded[org.parentIndex];
    seeded.push({ ...org, id, path: `${parent?.path ?? ''}${id}.`, depth: parent ? parent.depth + 1 : 0 });
  }
  for (let i = 0; i < seeded.length; i += BATCH) {
    await tx
      .insertInto('orgs')
      .values(
        seeded.slice(i, i + BATCH).map((o) => ({
          id: o.id,
          parent_id: o.parentIndex === null ? null : (seeded[o.parentIndex]?.id ?? null),
          path: o.path,
          depth: o.depth,
          name: o.name,
          type: o.type,
          sort_order: o.sortOrder,
        })),
      )
      .execute();
  }
  return seeded;
}

// About 8% of all members are probationary; office holders are always full members, so the
// share among ordinary members is higher.
const PROBATIONARY_AMONG_ORDINARY = 0.11;
const MALE_SHARE = 0.62;

async function insertMembers(
  tx: Transaction<DB>,
  orgs: SeededOrg[],
  random: ReturnType<typeof createRandom>,
  today: Date,
) {
  const rows: NewMember[] = [];
  let firstEducationBranchRow: number | null = null;
  const education = orgs.find((o) => o.tag === 'education');
  for (const org of orgs) {
    if (org.memberCount === 0) continue;
    if (firstEducationBranchRow === null && education && org.path.startsWith(education.path)) {
      firstEducationBranchRow = rows.length; // its secretary becomes the demo member account
    }
    for (const position of branchPositions(random, org.memberCount)) {
      const gender = random.chance(MALE_SHARE) ? 'male' : 'female';
      const probationary = position === '党员' && random.chance(PROBATIONARY_AMONG_ORDINARY);
      rows.push({
        org_id: org.id,
        org_path: org.path,
        name: chineseName(random, gender),
        gender,
        phone: demoPhone(rows.length),
        party_status: probationary ? 'probationary' : 'full',
        positions: [position],
        joined_on: joinDate(random, today, probationary),
      });
    }
  }
  let educationSecretary: DemoMemberRef | null = null;
  for (let i = 0; i < rows.length; i += BATCH) {
    const inserted = await tx
      .insertInto('members')
      .values(rows.slice(i, i + BATCH))
      .returning(['id', 'org_id', 'name', 'phone'])
      .execute();
    const wanted = firstEducationBranchRow === null ? undefined : rows[firstEducationBranchRow]?.phone;
    const found = inserted.find((m) => m.phone === wanted);
    if (found?.phone)
      educationSecretary = { id: found.id, orgId: found.org_id, name: found.name, phone: found.phone };
  }
  if (!educationSecretary) throw new Error('演示数据：市教育局没有党支部');
  return { count: rows.length, educationSecretary };
}
