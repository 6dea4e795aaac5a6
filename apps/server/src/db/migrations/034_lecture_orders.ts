import { sql, type Kysely } from 'kysely';

/**
 * The lecture menu (宣讲菜单) and orders (点单 → 派单 → 接单 → 宣讲 → 评单), owned by modules/orders.
 *
 * 1. lecture_menu_items: a lecture a pool offers — title, summary, category, the pool speakers who give
 *    it (`speaker_ids`, checked by the service against the pool's active speakers), duration, format
 *    (现场 onsite / 线上 online), suitable audiences. Withdrawn items keep their row (active = false) so
 *    the orders made from them still read.
 * 2. lecture_orders: a grassroots org's order to a pool, from a menu item or a free topic. `state` is
 *    driven by orders/state.ts only; `speaker_id` is the speaker currently dispatched; `reply_due_at`
 *    the deadline of the current dispatch. No org path is copied here: lists join orgs for the ordering
 *    org's and the pool's current paths, so a restructured tree needs no rewrite.
 * 3. lecture_order_events: every state change with who, when, for whom (a manager answering on an outside
 *    expert's behalf sets on_behalf) and the reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE lecture_menu_items (
      id bigserial PRIMARY KEY,
      pool_id bigint NOT NULL REFERENCES speaker_pools(id),
      title text NOT NULL,
      summary text NOT NULL DEFAULT '',
      category text NOT NULL DEFAULT '',
      speaker_ids bigint[] NOT NULL DEFAULT '{}',
      duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
      format text NOT NULL CHECK (format IN ('onsite','online')),
      audiences text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX lecture_menu_items_pool ON lecture_menu_items (pool_id, active);

    CREATE TABLE lecture_orders (
      id bigserial PRIMARY KEY,
      pool_id bigint NOT NULL REFERENCES speaker_pools(id),
      org_id bigint NOT NULL REFERENCES orgs(id),
      menu_item_id bigint REFERENCES lecture_menu_items(id),
      topic text NOT NULL,
      audience text NOT NULL CHECK (audience IN ('enterprise','village','organ','school','community')),
      preferred_dates date[] NOT NULL CHECK (cardinality(preferred_dates) BETWEEN 1 AND 3),
      place text NOT NULL,
      audience_size int NOT NULL CHECK (audience_size BETWEEN 1 AND 100000),
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      note text NOT NULL DEFAULT '',
      state text NOT NULL CHECK (state IN ('ordered','dispatched','declined','accepted','delivered','rated','cancelled')),
      speaker_id bigint REFERENCES pool_speakers(id),
      dispatched_at timestamptz,
      reply_due_at timestamptz,
      delivered_on date,
      attendance int CHECK (attendance IS NULL OR attendance >= 0),
      delivery_summary text,
      rating_content smallint CHECK (rating_content IS NULL OR rating_content BETWEEN 1 AND 5),
      rating_delivery smallint CHECK (rating_delivery IS NULL OR rating_delivery BETWEEN 1 AND 5),
      rating_comment text,
      cancel_reason text,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX lecture_orders_pool ON lecture_orders (pool_id, state);
    CREATE INDEX lecture_orders_org ON lecture_orders (org_id, created_at DESC);
    CREATE INDEX lecture_orders_speaker ON lecture_orders (speaker_id) WHERE speaker_id IS NOT NULL;

    CREATE TABLE lecture_order_events (
      id bigserial PRIMARY KEY,
      order_id bigint NOT NULL REFERENCES lecture_orders(id),
      action text NOT NULL,
      from_state text,
      to_state text NOT NULL,
      speaker_id bigint REFERENCES pool_speakers(id),
      on_behalf boolean NOT NULL DEFAULT false,
      reason text,
      actor_user_id bigint REFERENCES users(id),
      actor_name text,
      at timestamptz NOT NULL
    );
    CREATE INDEX lecture_order_events_order ON lecture_order_events (order_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE lecture_order_events; DROP TABLE lecture_orders; DROP TABLE lecture_menu_items;`.execute(
    db,
  );
}
