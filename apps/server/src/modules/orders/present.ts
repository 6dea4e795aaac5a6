import type {
  AudienceType,
  LectureFormat,
  MenuItem,
  OrderAction,
  OrderDetail,
  OrderPhoto,
  OrderState,
  OrderSummary,
} from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import type { Selectable } from 'kysely';
import type { OrderRow } from './repository.ts';
import { speakerPhotoUrls } from '../pool/present.ts';
import { isOverdue } from './state.ts';

export function presentMenuItem(
  r: Selectable<DB['lecture_menu_items']>,
  speakers: Map<
    string,
    {
      id: string;
      name: string;
      unit_title: string;
      photo_file_id: string | null;
      photo_thumb_file_id: string | null;
    }
  >,
  lecture: MenuItem['classroomLecture'],
  manage: boolean,
): MenuItem {
  return {
    id: r.id,
    poolId: r.pool_id,
    title: r.title,
    summary: r.summary,
    category: r.category,
    speakers: r.speaker_ids.flatMap((id) => {
      const s = speakers.get(String(id));
      return s
        ? [
            {
              id: s.id,
              name: s.name,
              unitTitle: s.unit_title,
              photoThumbUrl: speakerPhotoUrls(s)?.thumbUrl ?? null,
            },
          ]
        : [];
    }),
    durationMinutes: r.duration_minutes,
    format: r.format as LectureFormat,
    audiences: r.audiences as AudienceType[],
    active: r.active,
    classroomLecture: lecture,
    classroomLectureId: manage ? r.classroom_lecture_id : null,
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentOrder(r: OrderRow, now: Date): OrderSummary {
  const replyDueAt = r.reply_due_at ? new Date(r.reply_due_at) : null;
  return {
    id: r.id,
    poolId: r.pool_id,
    poolName: r.pool_name,
    orgId: r.org_id,
    orgName: r.org_name,
    topic: r.topic,
    audience: r.audience as AudienceType,
    preferredDates: r.preferred_dates,
    place: r.place,
    audienceSize: r.audience_size,
    state: r.state,
    speakerId: r.speaker_id,
    speakerName: r.speaker_name,
    replyDueAt: iso(replyDueAt),
    overdue: isOverdue({ state: r.state, replyDueAt }, now),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export function presentDetail(
  r: OrderRow,
  now: Date,
  events: {
    action: string;
    from_state: string | null;
    to_state: string;
    on_behalf: boolean;
    reason: string | null;
    actor_name: string | null;
    at: Date | string;
    speaker_name: string | null;
  }[],
  photos: OrderPhoto[],
  may: OrderDetail['may'],
): OrderDetail {
  return {
    ...presentOrder(r, now),
    menuItemId: r.menu_item_id,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    note: r.note,
    deliveredOn: r.delivered_on,
    attendance: r.attendance,
    deliverySummary: r.delivery_summary,
    rating:
      r.rating_content !== null && r.rating_delivery !== null
        ? { content: r.rating_content, delivery: r.rating_delivery, comment: r.rating_comment ?? '' }
        : null,
    cancelReason: r.cancel_reason,
    photos,
    events: events.map((e) => ({
      action: e.action as OrderAction,
      fromState: e.from_state as OrderState | null,
      toState: e.to_state as OrderState,
      speakerName: e.speaker_name,
      onBehalf: e.on_behalf,
      reason: e.reason,
      actorName: e.actor_name,
      at: new Date(e.at).toISOString(),
    })),
    may,
  };
}
