import { Alert, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useMySpeakerRows } from '../api.ts';

/** 「你已入选：XX师资库」 with a link to each of the member's own speaker pages; nothing when none. */
export function MyPoolsNote() {
  const mine = useMySpeakerRows();
  const items = mine.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="success"
      showIcon
      data-testid="my-pools"
      title={
        <Space wrap size={4}>
          你已入选：
          {items.map((r, i) => (
            <span key={r.id}>
              <Link to={`/pool-speakers/${r.id}`}>{r.pool.name}</Link>
              {i < items.length - 1 ? '、' : ''}
            </span>
          ))}
        </Space>
      }
    />
  );
}
