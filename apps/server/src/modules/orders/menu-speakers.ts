import type { Actor } from '../../lib/actor.ts';
import { ownPaths } from './menu-service.ts';
import { seesMenu } from './policy.ts';
import type { Db } from './repository.ts';

/**
 * Whether the actor sees a speaker on a menu: the speaker is active and named by an active item of
 * their pool's menu, and the actor reads that menu. The pool module asks this before serving a
 * speaker's photo to someone who is not one of the pool's readers (a branch looking at the menu).
 */
export async function speakerOnVisibleMenu(
  db: Db,
  actor: Actor,
  speaker: { id: string; pool_id: string; status: string },
  poolPath: string,
): Promise<boolean> {
  if (speaker.status !== 'active') return false;
  if (!seesMenu(actor, await ownPaths(db, actor), poolPath)) return false;
  const item = await db
    .selectFrom('lecture_menu_items')
    .select('id')
    .where('pool_id', '=', speaker.pool_id)
    .where('active', '=', true)
    .where((eb) => eb(eb.val(speaker.id), '=', eb.fn.any('speaker_ids')))
    .executeTakeFirst();
  return !!item;
}
