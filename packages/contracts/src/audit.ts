/**
 * Audit log vocabulary: every action the server may write, with its Chinese label, the area it is
 * filed under and the sentence the log page shows. The server's audit() accepts only these keys, so
 * an action without a label does not compile.
 *
 * In `text`, {object} is the record the row is about (e.g. 活动「2026 微宣讲」) and {code} an entry's
 * anonymous code taken from the row's `after`. A row missing {code} falls back to the label and object.
 */

export const AUDIT_AREAS = {
  account: '账号',
  org: '组织',
  campaign: '活动',
  entry: '作品',
  review: '评审',
  publicity: '公示',
  system: '系统',
} as const;
export type AuditArea = keyof typeof AUDIT_AREAS;

export interface AuditActionDef {
  label: string;
  area: AuditArea;
  text: string;
  /** What the acting person is in this action (评委), shown before their name. */
  role?: string;
  /** The row's object is also the person acting (a login is written before a session exists). */
  selfActing?: boolean;
}

const def = (area: AuditArea, label: string, text: string, extra: Partial<AuditActionDef> = {}) => ({
  area,
  label,
  text,
  ...extra,
});

export const AUDIT_ACTIONS = {
  'auth.login': def('account', '登录', '登录了系统', { selfActing: true }),
  'auth.logout': def('account', '退出登录', '退出了登录'),
  'auth.logout_all': def('account', '在所有设备上退出', '在所有设备上退出了登录'),
  'auth.password_changed': def('account', '修改密码', '修改了自己的密码'),
  'account.created': def('account', '新建账号', '新建了{object}'),
  'account.updated': def('account', '修改账号', '修改了{object}'),
  'account.deactivated': def('account', '停用账号', '停用了{object}'),
  'account.locked': def('account', '账号锁定', '因多次密码错误锁定了{object}'),
  'account.role_granted': def('account', '授予角色', '给{object}授予了角色'),
  'account.role_revoked': def('account', '撤销角色', '撤销了{object}的角色'),
  'account.password_reset': def('account', '重置密码', '重置了{object}的密码'),
  'member_accounts.run_started': def('account', '批量开通党员账号', '开始为{object}的党员批量开通账号'),
  'member_accounts.batch_created': def('account', '开通党员账号', '为{object}的党员开通了一批账号'),
  'member_accounts.slips_downloaded': def('account', '下载登录凭条', '下载了{object}党员的登录凭条'),
  'member_accounts.code_reissued': def('account', '重置初始密码', '重置了{object}的初始密码'),
  'org.created': def('org', '新建组织', '新建了{object}'),
  'org.updated': def('org', '修改组织', '修改了{object}'),
  'org.moved': def('org', '移动组织', '移动了{object}'),
  'org.deactivated': def('org', '停用组织', '停用了{object}'),
  'org.reactivated': def('org', '恢复组织', '恢复了{object}'),
  'org.exported': def('org', '导出组织与党员', '导出了{object}的组织与党员'),
  'org.imported': def('org', '导入组织与党员', '导入了组织与党员'),
  'member.created': def('org', '新增党员', '新增了{object}'),
  'member.updated': def('org', '修改党员信息', '修改了{object}的信息'),
  'member.moved': def('org', '转移党员', '转移了{object}'),
  'member.deactivated': def('org', '停用党员', '停用了{object}'),
  'member.reactivated': def('org', '恢复党员', '恢复了{object}'),
  'campaign.created': def('campaign', '新建活动', '新建了{object}'),
  'campaign.copied': def('campaign', '复制活动', '复制出{object}'),
  'campaign.updated': def('campaign', '修改活动设置', '修改了{object}的设置'),
  'campaign.published': def('campaign', '发布活动', '发布了{object}'),
  'campaign.closed': def('campaign', '结束活动', '结束了{object}'),
  'campaign.dates_shifted': def('campaign', '整体调整活动日期', '整体调整了{object}的日期'),
  'coverage.exported': def('campaign', '导出宣讲覆盖情况', '导出了{object}的人人上讲台覆盖情况'),
  'annex.exported': def('campaign', '导出统计报表', '导出了{object}的统计报表'),
  'annex.submitted': def('campaign', '报送统计报表', '报送了{object}的活动统计表'),
  'annex.reminded': def('campaign', '催报统计报表', '催报了{object}的活动统计表'),
  'dashboard.reminded': def('campaign', '督查提醒', '在{object}的督查看板发送了提醒'),
  'archive.downloaded': def('campaign', '下载活动档案', '下载了{object}的活动档案'),
  'archive.summary_downloaded': def('campaign', '下载活动总结草稿', '下载了{object}的活动总结草稿'),
  'entry.created': def('entry', '新建作品', '新建了{object}'),
  'entry.updated': def('entry', '修改作品', '修改了{object}'),
  'entry.submitted': def('entry', '提交作品', '提交了{object}'),
  'entry.recommended': def('entry', '推荐作品', '推荐了{object}'),
  'entry.recommendation_undone': def('entry', '撤销推荐', '撤销了{object}的推荐'),
  'entry.returned': def('entry', '退回作品', '退回了{object}'),
  'entry.withdrawn': def('entry', '撤回作品', '撤回了{object}'),
  'entry.material_uploaded': def('entry', '上传作品材料', '给{object}上传了材料'),
  'entry.material_removed': def('entry', '删除作品材料', '删除了{object}的材料'),
  'entry.deadline_extended': def('entry', '延长报送截止时间', '延长了{object}的报送截止时间'),
  'round.created': def('review', '新建评审轮次', '新建了{object}'),
  'round.updated': def('review', '修改评审设置', '修改了{object}的设置'),
  'round.entries_added': def('review', '加入作品', '给{object}加入了作品'),
  'round.judges_added': def('review', '添加评委', '给{object}添加了评委'),
  'round.judge_invited': def('review', '邀请评委', '给{object}邀请了评委'),
  'round.judge_removed': def('review', '移除评委', '从{object}移除了评委'),
  'round.assigned': def('review', '分配作品', '给{object}的评委分配了作品'),
  'round.assignment_edited': def('review', '调整分配', '调整了{object}的作品分配'),
  'round.entry_left': def('review', '作品退出评审', '让作品 {code} 退出了{object}'),
  'round.entry_rejoined': def('review', '作品恢复评审', '让作品 {code} 回到了{object}'),
  'round.score_submitted': def('review', '提交评分', '提交了作品 {code} 的评分', { role: '评委' }),
  'round.conflict_declared': def('review', '声明回避', '对作品 {code} 声明了回避', { role: '评委' }),
  'round.score_reopened': def('review', '退回评分重评', '退回了{object}中的一份评分'),
  'round.judge_removed_from_entry': def('review', '撤下评委', '在{object}中撤下了一位评委'),
  'round.closed': def('review', '结束评分', '结束了{object}的评分'),
  'round.tie_decided': def('review', '裁定并列', '裁定了{object}的并列名次'),
  'round.advancement_confirmed': def('review', '确认晋级', '确认了{object}的晋级名单'),
  'round.chain_verified': def('review', '核验评分记录', '核验了{object}的评分记录'),
  'round.chain_head_checked': def('review', '核对存证', '核对了{object}的评分存证'),
  'round.signed_off': def('review', '监督签字', '为{object}签字确认'),
  'round.exported': def('review', '导出评分表', '导出了{object}的评分表'),
  'round.published': def('publicity', '公示结果', '公示了{object}的结果'),
  'round.objection_lodged': def('publicity', '提出异议', '对{object}的结果提出了异议'),
  'round.objection_answered': def('publicity', '答复异议', '答复了{object}的一条异议'),
  'round.results_withdrawn': def('publicity', '撤回结果', '撤回了{object}的结果'),
  'round.sealed': def('publicity', '封存结果', '封存了{object}的结果'),
  'live.draw_committed': def('review', '公布抽签承诺值', '公布了{object}的抽签承诺值'),
  'live.draw_contributed': def('review', '录入抽签随机数', '为{object}的抽签录入了一份现场随机数'),
  'live.draw_revealed': def('review', '揭晓抽签', '揭晓了{object}的抽签种子，确定了出场顺序'),
  'live.draw_manual': def('review', '录入现场抽签顺序', '录入了{object}现场抽签的出场顺序'),
  'awards.created': def('review', '生成表彰名单', '生成了{object}的表彰名单'),
  'awards.settings_updated': def('review', '修改表彰设置', '修改了{object}的表彰设置'),
  'awards.tie_decided': def('review', '裁定获奖同分', '裁定了{object}表彰名单中的同分'),
  'awards.unit_adjusted': def('review', '调整组织奖', '调整了{object}的组织奖'),
  'awards.seal_uploaded': def('review', '上传证书印章', '上传了{object}证书的印章图片'),
  'awards.seal_removed': def('review', '删除证书印章', '删除了{object}证书的印章图片'),
  'awards.published': def('publicity', '公示表彰名单', '公示了{object}的表彰名单'),
  'awards.withdrawn': def('publicity', '撤回表彰名单', '撤回了{object}的表彰名单公示'),
  'awards.objection_lodged': def('publicity', '对表彰名单提出异议', '对{object}的表彰名单提出了异议'),
  'awards.objection_answered': def('publicity', '答复表彰名单异议', '答复了{object}表彰名单的异议'),
  'awards.finalised': def('publicity', '表彰名单定稿', '结束公示并定稿了{object}的表彰名单'),
  'awards.certificates_downloaded': def('review', '下载证书', '下载了{object}的证书'),
  'live.started': def('review', '开始现场决赛', '开始了{object}的现场比赛'),
  'live.speaker_called': def('review', '请选手上场', '在{object}中请下一位选手上场'),
  'live.timer': def('review', '操作计时器', '操作了{object}的计时器'),
  'live.time_recorded': def('review', '登记宣讲用时', '登记了{object}一位选手的宣讲用时'),
  'live.scoring_opened': def('review', '开始评分', '在{object}中开始为一位选手评分'),
  'live.score_submitted': def('review', '现场提交评分', '在{object}中提交了评分', { role: '评委' }),
  'live.speaker_skipped': def('review', '选手缺席', '在{object}中登记一位选手缺席'),
  'live.undone': def('review', '撤销现场操作', '撤销了{object}的上一步操作'),
  'live.result_announced': def('review', '公布成绩', '在{object}中公布了一位选手的成绩'),
  'live.result_confirmed': def('review', '确认选手成绩', '在{object}中确认了一位选手的成绩'),
  'live.signed_off': def('review', '现场决赛签字', '为{object}的全部成绩签字确认'),
  'live.rehearsal_started': def('review', '开始彩排', '为{object}开始了彩排'),
  'live.rehearsal_reset': def('review', '重置彩排', '重置了{object}的彩排'),
  'lecture.recorded': def('campaign', '登记宣讲记录', '登记了{object}'),
  'lecture.updated': def('campaign', '修改宣讲记录', '修改了{object}'),
  'lecture.resubmitted': def('campaign', '重新提交宣讲记录', '修改并重新提交了{object}'),
  'lecture.confirmed': def('campaign', '确认宣讲记录', '确认了{object}'),
  'lecture.returned': def('campaign', '退回宣讲记录', '退回了{object}'),
  'lecture.corrected': def('campaign', '更正宣讲记录', '更正了{object}'),
  'lecture.deleted': def('campaign', '删除宣讲记录', '删除了{object}'),
  'plans.saved': def('campaign', '保存宣讲计划', '保存了{object}'),
  'plans.submitted': def('campaign', '提交宣讲计划', '提交了{object}'),
  'plans.returned': def('campaign', '退回宣讲计划', '退回了{object}'),
  'plans.accepted': def('campaign', '通过宣讲计划', '通过了{object}'),
  'plans.reminded': def('campaign', '提醒填报宣讲计划', '提醒{object}填报宣讲计划'),
  'pool.created': def('campaign', '建立师资库', '建立了{object}'),
  'pool.updated': def('campaign', '修改师资库', '修改了{object}'),
  'pool.speaker_added': def('campaign', '宣讲员入库', '将{object}加入师资库'),
  'pool.speaker_nominated': def('campaign', '推荐宣讲员入库', '推荐{object}入库'),
  'pool.speaker_approved': def('campaign', '通过入库推荐', '通过了{object}的入库推荐'),
  'pool.speaker_declined': def('campaign', '不通过入库推荐', '未通过{object}的入库推荐'),
  'pool.speaker_updated': def('campaign', '修改宣讲员信息', '修改了{object}的信息'),
  'pool.speaker_left': def('campaign', '宣讲员退出师资库', '办理了{object}退出师资库'),
  'pool.speaker_retired': def('campaign', '宣讲员退库', '将{object}退库'),
  'pool.speaker_photo_set': def('campaign', '上传宣讲员照片', '上传了{object}的照片'),
  'pool.speaker_photo_removed': def('campaign', '删除宣讲员照片', '删除了{object}的照片'),
  'pool.exported': def('campaign', '导出师资库统计表', '导出了{object}的统计表'),
  'orders.menu_item_created': def('campaign', '新增宣讲菜单', '在宣讲菜单中新增了{object}'),
  'orders.menu_item_updated': def('campaign', '修改宣讲菜单', '修改了宣讲菜单中的{object}'),
  'orders.ordered': def('campaign', '点单', '提交了{object}'),
  'orders.dispatched': def('campaign', '派单', '派出了{object}'),
  'orders.accepted': def('campaign', '接单', '接受了{object}'),
  'orders.declined': def('campaign', '谢绝点单', '谢绝了{object}'),
  'orders.delivered': def('campaign', '登记点单宣讲', '登记了{object}的宣讲情况'),
  'orders.rated': def('campaign', '评单', '评价了{object}'),
  'orders.cancelled': def('campaign', '取消点单', '取消了{object}'),
  'classroom.proposed': def('campaign', '推荐到微课堂', '把{object}推荐到微课堂'),
  'classroom.consented': def('campaign', '同意发布微课', '同意发布{object}'),
  'classroom.consent_declined': def('campaign', '不同意发布微课', '不同意发布{object}'),
  'classroom.consent_recorded': def('campaign', '代为登记授权', '代宣讲人登记了{object}的授权意见'),
  'classroom.published': def('campaign', '发布微课', '发布了{object}'),
  'classroom.updated': def('campaign', '修改微课信息', '修改了{object}的信息'),
  'classroom.unpublished': def('campaign', '下架微课', '下架了{object}'),
  'classroom.republished': def('campaign', '重新发布微课', '重新发布了{object}'),
  'learning.task_created': def('campaign', '下达学习任务', '下达了{object}'),
  'learning.task_cancelled': def('campaign', '撤销学习任务', '撤销了{object}'),
  'job.retry': def('system', '重试后台任务', '重试了{object}'),
  'demo.seeded': def('system', '生成演示数据', '生成了演示数据'),
} as const satisfies Record<string, AuditActionDef>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ENTITY_TYPES = {
  user: '账号',
  org: '组织',
  member: '党员',
  campaign: '活动',
  entry: '作品',
  review_round: '评审轮次',
  org_import: '导入',
  job: '后台任务',
  lecture_record: '宣讲记录',
  lecture_plan: '宣讲计划',
  speaker_pool: '师资库',
  pool_speaker: '宣讲员',
  lecture_menu_item: '宣讲菜单',
  lecture_order: '点单',
  classroom_lecture: '微课',
  learning_task: '学习任务',
} as const;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_TYPES;

export const isAuditAction = (s: string): s is AuditAction => Object.hasOwn(AUDIT_ACTIONS, s);
export const isAuditArea = (s: string): s is AuditArea => Object.hasOwn(AUDIT_AREAS, s);

/** The actions filed under one area (the log page's 类别 filter). */
export const auditActionsOf = (area: AuditArea): AuditAction[] =>
  (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((a) => AUDIT_ACTIONS[a].area === area);

export const auditActionLabel = (action: string) =>
  isAuditAction(action) ? AUDIT_ACTIONS[action].label : '其他操作';

export const auditEntityLabel = (type: string) =>
  (AUDIT_ENTITY_TYPES as Record<string, string>)[type] ?? '记录';

/** 「评委 王某 提交了作品 K7Q2M9 的评分」: the log page's one-line account of a row. */
export function describeAudit(row: {
  action: string;
  actorName: string | null;
  object: string;
  code?: string | null;
}): string {
  const known = isAuditAction(row.action) ? (AUDIT_ACTIONS[row.action] as AuditActionDef) : null;
  const actor = row.actorName ?? '系统';
  if (!known) return `${actor} 对${row.object}做了一项操作`;
  const who = known.role && row.actorName ? `${known.role} ${actor}` : actor;
  if (known.text.includes('{code}') && !row.code) return `${who} ${known.label}：${row.object}`;
  const text = known.text.replace('{object}', row.object).replace('{code}', row.code ?? '');
  return `${who} ${text}`;
}
