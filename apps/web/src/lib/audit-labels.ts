/** Chinese names for audit actions and entity types; unknown codes are shown as they are. */
export const actionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.logout_all': '在所有设备上退出',
  'auth.password_changed': '修改密码',
  'account.created': '新建账号',
  'account.updated': '修改账号',
  'account.deactivated': '停用账号',
  'account.locked': '账号锁定',
  'account.role_granted': '授予角色',
  'account.role_revoked': '撤销角色',
  'account.password_reset': '重置密码',
  'org.created': '新建组织',
  'org.updated': '修改组织',
  'org.moved': '移动组织',
  'org.deactivated': '停用组织',
  'org.reactivated': '恢复组织',
  'org.exported': '导出组织与党员',
  'org.imported': '导入组织与党员',
  'org_import.completed': '导入组织与党员',
  'member.created': '新增党员',
  'member.updated': '修改党员信息',
  'member.moved': '转移党员',
  'member.deactivated': '停用党员',
  'member.reactivated': '恢复党员',
  'campaign.created': '新建活动',
  'campaign.updated': '修改活动设置',
  'campaign.published': '发布活动',
  'campaign.closed': '结束活动',
  'campaign.copied': '复制活动',
  'demo.seeded': '生成演示数据',
};

export const entityTypeLabels: Record<string, string> = {
  user: '账号',
  org: '组织',
  member: '党员',
  campaign: '活动',
  import: '导入',
};

export const actionLabel = (code: string) => actionLabels[code] ?? code;
export const entityTypeLabel = (code: string) => entityTypeLabels[code] ?? code;
