import { List, Tag, Typography } from 'antd';
import type { DrawFinalist, DrawWithdrawal } from '@jiangtai/contracts';
import { formatDateTime } from '../../../lib/format.ts';

/** 已退出 with when and why: a finalist who left after the list was published keeps their place. */
export function WithdrawnNote({ w }: { w: DrawWithdrawal }) {
  return (
    <Typography.Text type="secondary">
      <Tag color="default">已退出</Tag>
      {formatDateTime(w.at)}退出 · {w.reason ?? '未写明原因'}
    </Typography.Text>
  );
}

/**
 * The speaking order with each speaker; `check` (on the verify page) marks each position as matching
 * the order recomputed in this browser or not. Finalists who left since the draw are marked 已退出:
 * their place stays (the order is recomputed from the published list) and is skipped on the evening.
 */
export function OrderList({
  order,
  finalists,
  withdrawn = [],
  check,
}: {
  order: readonly string[];
  finalists: readonly DrawFinalist[];
  withdrawn?: readonly DrawWithdrawal[];
  check?: readonly (string | undefined)[];
}) {
  const byId = new Map(finalists.map((f) => [f.entryId, f]));
  const left = new Map(withdrawn.map((w) => [w.entryId, w]));
  return (
    <List
      size="small"
      dataSource={[...order]}
      renderItem={(id, i) => {
        const f = byId.get(id);
        const w = left.get(id);
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
              title={
                f ? (
                  <Typography.Text delete={!!w}>{`${f.speakerName}（${f.unitName}）`}</Typography.Text>
                ) : (
                  `作品 ${id}`
                )
              }
              description={
                <>
                  {f ? `《${f.title}》 · 作品编号 ${id}` : '不在公布的名单中'}
                  {w ? (
                    <div>
                      <WithdrawnNote w={w} />
                    </div>
                  ) : null}
                </>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
