import type { AudienceType, PoolSpeakerRow, PoolSummary } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { maskPhone } from '../../lib/mask.ts';
import { managesPool } from './policy.ts';
import type { Db, PoolRow, SpeakerRow } from './repository.ts';
import * as repo from './repository.ts';
import { effectiveTarget } from './rules.ts';

/** Pools as the pages show them, each with its effective target (own or inherited from campaigns). */
export async function summarise(db: Db, actor: Actor, pools: PoolRow[]): Promise<PoolSummary[]> {
  const parents = [...new Set(pools.map((p) => p.org_parent_id).filter((x): x is string => !!x))];
  const inherited = await repo.inheritedTargets(db, parents);
  return pools.map((p) => {
    const t = effectiveTarget(p, inherited);
    return {
      id: p.id,
      name: p.name,
      org: { id: p.org_id, name: p.org_name, path: p.org_path },
      target: t.target,
      targetSource: t.source,
      ownTarget: p.target,
      active: Number(p.active),
      nominated: Number(p.nominated),
      manages: managesPool(actor, p),
    };
  });
}

export function speakerRow(s: SpeakerRow, fullPhone: boolean): PoolSpeakerRow {
  return {
    id: s.id,
    name: s.name,
    gender: s.gender,
    unitTitle: s.unit_title,
    phone: fullPhone ? s.phone : maskPhone(s.phone),
    specialties: s.specialties,
    audiences: s.audiences as AudienceType[],
    source: s.source,
    status: s.status,
    memberId: s.member_id,
    nominatedBy: s.nominated_by_name,
    sourceNote: s.source_note,
    joinedAt: s.joined_at ? s.joined_at.toISOString() : null,
    photo: speakerPhotoUrls(s),
  };
}

/** The photo's addresses; the file id in the query makes a replaced photo a new address (cached 5 min). */
export function speakerPhotoUrls(s: {
  id: string;
  photo_file_id: string | null;
  photo_thumb_file_id: string | null;
}): { url: string; thumbUrl: string } | null {
  if (!s.photo_file_id) return null;
  const base = `/api/pool-speakers/${s.id}/photo?v=${s.photo_file_id}`;
  return { url: base, thumbUrl: s.photo_thumb_file_id ? `${base}&variant=thumb` : base };
}
