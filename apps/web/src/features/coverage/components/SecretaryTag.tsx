import { Tag } from 'antd';

/** A branch's 书记 check: 书记已宣讲 / 书记未宣讲 / 未配备书记. */
export function SecretaryTag({ lectured }: { lectured: boolean | null }) {
  if (lectured === null) return <Tag>未配备书记</Tag>;
  return lectured ? <Tag color="success">书记已宣讲</Tag> : <Tag color="warning">书记未宣讲</Tag>;
}
