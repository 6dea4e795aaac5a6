import { List, Tag, Typography } from 'antd';
import type { DrawFinalist } from '@jiangtai/contracts';

/**
 * The speaking order with each speaker; `check` (on the verify page) marks each position as matching
 * the order recomputed in this browser or not.
 */
export function OrderList({
  order,
  finalists,
  check,
}: {
  order: readonly string[];
  finalists: readonly DrawFinalist[];
  check?: readonly (string | undefined)[];
}) {
  const byId = new Map(finalists.map((f) => [f.entryId, f]));
  return (
    <List
      size="small"
      dataSource={[...order]}
      renderItem={(id, i) => {
        const f = byId.get(id);
        return (
          <List.Item
            extra={
              check ? (
                check[i] === id ? (
                  <Tag color="success">✓ 一致</Tag>
                ) : (
                  <Tag color="error">✗ 不一致</Tag>
                )
              ) : undefined
            }
          >
            <List.Item.Meta
              avatar={
                <Typography.Text strong style={{ fontSize: 18, display: 'inline-block', minWidth: 32 }}>
                  {i + 1}
                </Typography.Text>
              }
              title={f ? `${f.speakerName}（${f.unitName}）` : `作品 ${id}`}
              description={f ? `《${f.title}》 · 作品编号 ${id}` : '不在公布的名单中'}
            />
          </List.Item>
        );
      }}
    />
  );
}
