import {
  positions as allPositions,
  type MemberCreate,
  type MemberDetail,
  type MemberListItem,
  type MemberUpdate,
  type PartyStatus,
  type Position,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/mask.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { followMemberMoves } from '../accounts/service.ts';
import { entityHistory, isUniqueViolation } from './history.ts';
import * as orgRepo from './org-repository.ts';
import * as repo from './member-repository.ts';
import type { MemberRow } from './member-repository.ts';
import * as policy from './policy.ts';
import type { Db } from './tables.ts';

export interface MemberListParams {
  orgId?: string;
  q?: string;
  partyStatus?: PartyStatus;
  position?: Position;
  includeInactive: boolean;
  page: number;
  pageSize: number;
}

/** Positions in their canonical order (书记 before 副书记 …), 党员 when none is given. */
const normalisePositions = (list: readonly string[] | undefined) => {
  const set = new Set(list && list.length > 0 ? list : ['党员']);
  return allPositions.filter((p) => set.has(p));
};

/** Audit rows are readable by supervisors, so they hold masked phones only (个人信息保护). */
const snapshot = (
  m: Pick<
    MemberRow,
    'name' | 'gender' | 'phone' | 'party_status' | 'positions' | 'joined_on' | 'org_id' | 'active'
  >,
) => ({
  name: m.name,
  gender: m.gender,
  phone: maskPhone(m.phone),
  partyStatus: m.party_status,
  positions: m.positions,
  joinedOn: m.joined_on,
  orgId: m.org_id,
  active: m.active,
});

const orgMissing = () => invalid('所属组织不存在', [{ path: 'orgId', message: '所属组织不存在' }]);

export function memberService({ db, clock }: AppDeps) {
  function listItem(m: MemberRow, fullPhone = false): MemberListItem {
    return {
      id: m.id,
      name: m.name,
      gender: m.gender,
      phone: fullPhone ? m.phone : maskPhone(m.phone),
      partyStatus: m.party_status,
      positions: m.positions,
      orgId: m.org_id,
      orgName: m.org_name,
      joinedOn: m.joined_on,
      active: m.active,
    };
  }

  async function loadVisible(actor: Actor, id: string, from: Db = db) {
    return policy.memberVisible(actor, await repo.findMember(from, id));
  }

  async function present(actor: Actor, m: MemberRow, from: Db = db): Promise<MemberDetail> {
    const names = await orgRepo.orgNames(from, orgRepo.pathIds(m.org_path));
    const canEdit = policy.canEdit(actor, m.org_path);
    return {
      ...listItem(m, policy.canSeeFullPhone(actor, m.org_path)),
      orgPathNames: orgRepo
        .pathIds(m.org_path)
        .map((id) => names.get(id) ?? '')
        .join(' / '),
      canEdit,
    };
  }

  async function list(actor: Actor, q: MemberListParams) {
    let prefixes = policy.viewScope(actor);
    if (q.orgId) {
      const org = await orgRepo.findOrg(db, q.orgId);
      if (!org) throw notFound('组织');
      policy.assertCanView(actor, org);
      prefixes = [org.path];
    }
    const { total, rows } = await repo.listMembers(db, { ...q, prefixes });
    return { total, items: rows.map((m) => listItem(m)) };
  }

  async function get(actor: Actor, id: string) {
    return present(actor, await loadVisible(actor, id));
  }

  /**
   * 409 when the phone is taken. The other member's org is named only to those who may see it: where
   * a person is registered is personal data outside the caller's scope.
   */
  async function assertPhoneFree(tx: Db, actor: Actor, phone: string | null | undefined, exceptId?: string) {
    if (!phone) return;
    const other = await repo.findMemberByPhone(tx, phone, exceptId);
    if (!other) return;
    if (!policy.canView(actor, other.org_path))
      throw conflict(
        `手机号 ${maskPhone(phone)} 已登记在您管理范围以外的党员名下，同一手机号不能登记两次；如确有误，请联系上级管理员核实`,
      );
    throw conflict(
      `手机号 ${maskPhone(phone)} 已登记在「${other.org_name}」的党员名下${other.active ? '' : '（该党员已停用）'}，同一手机号不能登记两次`,
    );
  }

  /** Locks the org (FOR SHARE) so a concurrent subtree move cannot leave the member with a stale org_path. */
  async function lockTargetOrg(tx: Db, actor: Actor, orgId: string) {
    const org = await orgRepo.lockOrg(tx, orgId, 'share');
    if (!org) throw orgMissing();
    policy.assertCanEdit(actor, org);
    if (!org.active) throw conflict(`「${org.name}」已停用，不能在其下登记党员`);
    return org;
  }

  async function guardPhone<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err, 'members_phone_unique'))
        throw conflict('该手机号已登记在其他党员名下，同一手机号不能登记两次');
      throw err;
    }
  }

  async function create(actor: Actor, input: MemberCreate, who: AuditWho) {
    const id = await guardPhone(() =>
      db.transaction().execute(async (tx) => {
        const org = await lockTargetOrg(tx, actor, input.orgId);
        await assertPhoneFree(tx, actor, input.phone);
        const values = {
          org_id: org.id,
          org_path: org.path,
          name: input.name,
          gender: input.gender,
          phone: input.phone ?? null,
          party_status: input.partyStatus,
          positions: normalisePositions(input.positions),
          joined_on: input.joinedOn ?? null,
        };
        const id = await repo.insertMember(tx, values);
        await audit(tx, who, {
          action: 'member.created',
          entityType: 'member',
          entityId: id,
          orgPath: org.path,
          after: snapshot({ ...values, active: true }),
        });
        return id;
      }),
    );
    return get(actor, id);
  }

  /** Loads a member for a change inside a transaction: row lock, visibility, edit rights. */
  async function loadEditable(tx: Db, actor: Actor, id: string) {
    // Missing and out of scope answer alike (memberVisible), whether the row lock found it or not.
    const locked = await repo.lockMember(tx, id);
    const member = policy.memberVisible(actor, locked && (await repo.findMember(tx, id)));
    policy.assertCanEdit(actor, { path: member.org_path, name: member.org_name });
    return member;
  }

  async function update(actor: Actor, id: string, patch: MemberUpdate, who: AuditWho) {
    return guardPhone(() =>
      db.transaction().execute(async (tx) => {
        const member = await loadEditable(tx, actor, id);
        if (patch.phone && patch.phone !== member.phone) await assertPhoneFree(tx, actor, patch.phone, id);
        const next = {
          name: patch.name ?? member.name,
          gender: patch.gender ?? member.gender,
          phone: patch.phone === undefined ? member.phone : patch.phone,
          party_status: patch.partyStatus ?? member.party_status,
          positions: patch.positions === undefined ? member.positions : normalisePositions(patch.positions),
          joined_on: patch.joinedOn === undefined ? member.joined_on : patch.joinedOn,
        };
        const before = snapshot(member);
        const after = snapshot({ ...member, ...next });
        if (JSON.stringify(before) === JSON.stringify(after) && next.phone === member.phone)
          return present(actor, member, tx);
        await repo.updateMember(tx, id, next, clock.now());
        await audit(tx, who, {
          action: 'member.updated',
          entityType: 'member',
          entityId: id,
          orgPath: member.org_path,
          before,
          after,
        });
        return present(actor, (await repo.findMember(tx, id))!, tx);
      }),
    );
  }

  async function move(actor: Actor, id: string, orgId: string, who: AuditWho) {
    return db.transaction().execute(async (tx) => {
      const member = await loadEditable(tx, actor, id);
      const org = await lockTargetOrg(tx, actor, orgId);
      if (org.id === member.org_id) return present(actor, member, tx);
      await repo.updateMember(tx, id, { org_id: org.id, org_path: org.path }, clock.now());
      await followMemberMoves(tx, [id]);
      await audit(tx, who, {
        action: 'member.moved',
        entityType: 'member',
        entityId: id,
        orgPath: org.path,
        before: { orgId: member.org_id, orgName: member.org_name },
        after: { orgId: org.id, orgName: org.name },
      });
      return present(actor, (await repo.findMember(tx, id))!, tx);
    });
  }

  async function setActive(actor: Actor, id: string, active: boolean, who: AuditWho) {
    return db.transaction().execute(async (tx) => {
      const member = await loadEditable(tx, actor, id);
      if (member.active === active)
        throw conflict(`党员「${member.name}」已是${active ? '在册' : '停用'}状态`);
      if (active) {
        const org = await orgRepo.lockOrg(tx, member.org_id, 'share');
        if (!org?.active)
          throw conflict(`所属组织「${member.org_name}」已停用，请先把党员转到其他组织或启用该组织`);
      }
      await repo.updateMember(tx, id, { active }, clock.now());
      await audit(tx, who, {
        action: active ? 'member.reactivated' : 'member.deactivated',
        entityType: 'member',
        entityId: id,
        orgPath: member.org_path,
        before: { active: member.active },
        after: { active },
      });
      return present(actor, (await repo.findMember(tx, id))!, tx);
    });
  }

  async function history(actor: Actor, id: string) {
    await loadVisible(actor, id);
    return entityHistory(db, 'member', id);
  }

  return {
    list,
    get,
    create,
    update,
    move,
    deactivate: (actor: Actor, id: string, who: AuditWho) => setActive(actor, id, false, who),
    reactivate: (actor: Actor, id: string, who: AuditWho) => setActive(actor, id, true, who),
    history,
  };
}
