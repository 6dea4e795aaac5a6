import type { LectureConsentInput, LectureOnBehalfInput } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, forbidden } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import { loadLecture, loadManaged } from './access.ts';
import * as repo from './repository.ts';
import type { Db, LectureRow } from './repository.ts';
import { notify, step } from './steps.ts';

/**
 * The speaker's consent: answered by the speaker in the app (同意, or 不同意 with a reason), or, for a
 * speaker without an account, recorded by a manager with a note and flagged `consent_on_behalf`.
 */
export function consentService({ db, clock }: AppDeps) {
  async function tellProposer(tx: Db, actor: Actor, row: LectureRow, agree: boolean, now: Date) {
    await notify(tx, actor, row, [row.proposed_by], {
      kind: 'classroom_consent_answered',
      title: agree
        ? `${row.speaker_name}同意发布微课「${row.title}」，可以发布了`
        : `${row.speaker_name}不同意发布微课「${row.title}」`,
      now,
    });
  }

  return {
    async answer(actor: Actor, id: string, input: LectureConsentInput, who: AuditWho) {
      await db.transaction().execute(async (tx) => {
        const { row, isSpeaker } = await loadLecture(tx, actor, id, { forUpdate: true });
        if (!isSpeaker) throw forbidden('只有宣讲人本人可以答复是否同意发布');
        const now = clock.now();
        const reason = input.agree ? null : (input.reason ?? null);
        await step(
          tx,
          actor,
          who,
          row,
          input.agree ? 'consent' : 'decline',
          {
            consent_user_id: actor.userId,
            consent_on_behalf: false,
            consent_note: reason,
            consent_at: now,
          },
          { now, reason },
        );
        await tellProposer(tx, actor, row, input.agree, now);
      });
    },

    async recordOnBehalf(actor: Actor, id: string, input: LectureOnBehalfInput, who: AuditWho) {
      await db.transaction().execute(async (tx) => {
        const { row } = await loadManaged(tx, actor, id);
        if (
          row.state === 'awaiting_consent' &&
          (await repo.memberAccountIds(tx, row.speaker_member_id)).length
        )
          throw conflict('宣讲人已有平台账号，请由本人在平台上答复');
        const now = clock.now();
        await step(
          tx,
          actor,
          who,
          row,
          input.agree ? 'consent' : 'decline',
          {
            consent_user_id: actor.userId,
            consent_on_behalf: true,
            consent_note: input.note,
            consent_at: now,
          },
          { now, reason: input.note, onBehalf: true, after: { agree: input.agree } },
        );
      });
    },
  };
}
