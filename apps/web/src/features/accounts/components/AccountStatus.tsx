import { Space, Tag } from 'antd';
import { roleLabels } from '@jiangtai/contracts';
import type { Grant } from '../../../lib/me.ts';
import type { Account } from '../api.ts';

export function AccountStatus({ account }: { account: Account }) {
  return (
    <Space size={4} wrap>
      {account.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
      {account.locked && <Tag color="red">已锁定</Tag>}
      {account.mustChangePassword && <Tag color="orange">待修改初始密码</Tag>}
      {account.isDemo && <Tag color="gold">演示</Tag>}
    </Space>
  );
}

export function GrantTags({ grants }: { grants: Grant[] }) {
  if (grants.length === 0) return <span style={{ color: '#595959' }}>无角色</span>;
  return (
    <Space size={4} wrap>
      {grants.map((g) => (
        <Tag key={g.id} color="red" variant="outlined">
          {roleLabels[g.role]} · {g.orgName}
        </Tag>
      ))}
    </Space>
  );
}
