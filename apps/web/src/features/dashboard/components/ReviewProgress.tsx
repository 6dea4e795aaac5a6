import { Flex, List, Progress, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { DashboardResult, DashboardRound } from '@jiangtai/contracts';
import { formatRate, rateOf } from '../measures.ts';

/** Review rounds: entries of the subtree in each, and how many of their review tasks are submitted. */
export function RoundsProgress({ rounds }: { rounds: DashboardRound[] }) {
  return (
    <List
      size="small"
      dataSource={rounds}
      data-testid="dashboard-rounds"
      renderItem={(r) => {
        const rate = rateOf(r.submitted, r.assigned);
        return (
          <List.Item key={r.id}>
            <div style={{ width: '100%', minWidth: 0 }}>
              <Flex justify="space-between" gap={8} wrap="wrap">
                <Link to={`/rounds/${r.id}`}>{r.title}</Link>
                <Tag>{r.statusLabel}</Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                作品 {r.entries} 件，评审任务已提交 {r.submitted} / {r.assigned}（{formatRate(rate)}）
              </Typography.Text>
              <Progress
                percent={rate ?? 0}
                showInfo={false}
                size="small"
                status={rate === 100 ? 'success' : 'normal'}
                aria-label={`${r.title} 评审进度 ${formatRate(rate)}`}
              />
            </div>
          </List.Item>
        );
      }}
    />
  );
}

/** Confirmed results of the rounds, ranked, the subtree's entries only. */
export function ConfirmedResults({ results }: { results: DashboardResult[] }) {
  return (
    <Flex vertical gap={12} data-testid="dashboard-results">
      {results.map((res) => (
        <div key={res.roundId}>
          <Link to={`/rounds/${res.roundId}`}>
            <b>{res.roundTitle}</b>
          </Link>
          {res.items.length === 0 ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              本单位没有作品进入该轮结果
            </Typography.Paragraph>
          ) : (
            <List
              size="small"
              dataSource={res.items}
              renderItem={(i) => (
                <List.Item key={`${i.rank}-${i.title}`}>
                  <Flex gap={8} style={{ width: '100%', minWidth: 0 }}>
                    <Tag color={i.rank <= 3 ? 'gold' : undefined}>第 {i.rank} 名</Tag>
                    <div style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                      {i.title}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {i.speakerName} · {i.unitName}
                        {i.score !== null ? ` · ${i.score} 分` : ''}
                      </Typography.Text>
                    </div>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </div>
      ))}
    </Flex>
  );
}
