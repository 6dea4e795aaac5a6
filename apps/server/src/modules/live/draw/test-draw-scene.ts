import { buildPresetSettings } from '../../campaigns/presets.ts';
import { insertCampaign } from '../../campaigns/repository.ts';
import { genesisHash } from '../../reviews/hash-chain.ts';
import * as reviews from '../../reviews/repository.ts';
import { defaultRoundConfig, randomEntryCode } from '../../reviews/rules.ts';
import type { Db } from '../../reviews/repository.ts';
import { insertEntry } from '../../entries/repository.ts';
import type { TestContext } from '../../../test/harness.ts';

/**
 * A round of the given stage (决赛 by default) with the given entries, in a campaign of its own
 * organised by `scope` (one round per stage and scope), written straight into the reviews tables as
 * a finished 复赛 would leave the final: the draw's tests need the final's list, not how it was reached.
 */
export async function roundWithEntries(
  db: Db,
  o: {
    scope: { id: string; path: string };
    /** The round's entries, or a function making them in the new campaign. */
    entryIds: readonly string[] | ((campaignId: string) => Promise<string[]>);
    createdBy: string;
    stageKey?: 'final' | 'semifinal';
  },
) {
  const settings = buildPresetSettings('yueyang', { year: 2026 });
  const stageKey = o.stageKey ?? 'final';
  const now = new Date();
  const campaignId = await insertCampaign(db, {
    settings,
    organiserOrgId: o.scope.id,
    organiserOrgPath: o.scope.path,
    status: 'published',
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now,
  });
  const roundId = await reviews.insertRound(db, {
    campaignId,
    stageKey,
    scope: o.scope,
    config: {
      ...defaultRoundConfig(
        settings,
        settings.stages.find((s) => s.key === stageKey)!,
      ),
      blind: false,
    },
    chainHead: 'x',
    createdBy: o.createdBy,
    now,
  });
  await reviews.updateRound(db, roundId, { chain_head: genesisHash(roundId) }, now);
  const codes = new Set<string>();
  const entryIds = typeof o.entryIds === 'function' ? await o.entryIds(campaignId) : o.entryIds;
  await reviews.insertRoundEntries(
    db,
    entryIds.map((entryId) => {
      const code = randomEntryCode(codes);
      codes.add(code);
      return { roundId, entryId, code };
    }),
  );
  return { roundId, entryIds };
}

/** `count` speakers of `branch` (unit `unit`) with entries recommended in the given campaign. */
export async function speakersIn(
  t: TestContext,
  campaignId: string,
  unit: { id: string; path: string },
  branch: { id: string; path: string },
  count: number,
) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const member = await t.factories.member(branch, { positions: ['书记'] });
    const id = await insertEntry(t.db, {
      campaignId,
      stageKey: 'preliminary',
      memberId: member.id,
      unit: { id: unit.id, path: unit.path },
      title: `决赛作品${i + 1}`,
      categoryKey: 'theory',
      outline: '',
      createdBy: null,
      now: new Date(),
    });
    await t.db.updateTable('entries').set({ state: 'recommended' }).where('id', '=', id).execute();
    ids.push(id);
  }
  return ids;
}
