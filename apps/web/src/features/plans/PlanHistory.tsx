import { Collapse, Flex, Tag, Timeline, Typography } from 'antd';
import { planFilingStatusLabels, planRevisionKindLabels, type PlanDetail } from '@jiangtai/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { LineCards } from './LineCards.tsx';

/** 修改记录: a snapshot at every submit, return, acceptance and change after submitting, newest first. */
export function PlanHistory({ plan }: { plan: PlanDetail }) {
  if (plan.revisions.length === 0) return null;
  return (
    <Collapse
      style={{ marginTop: 12 }}
      items={[
        {
          key: 'history',
          label: `修改记录（${plan.revisions.length}）`,
          children: (
            <Timeline
              items={plan.revisions.map((r) => ({
                key: r.id,
                content: (
                  <Flex vertical gap={4} data-testid="plan-revision">
                    <Flex gap={8} wrap align="center">
                      <Tag style={{ marginInlineEnd: 0 }}>{planRevisionKindLabels[r.kind]}</Tag>
                      <Typography.Text>
                        {r.actorName} · {formatDateTime(r.at)}
                      </Typography.Text>
                    </Flex>
                    <Typography.Text>
                      {planFilingStatusLabels[r.statusBefore]} → {planFilingStatusLabels[r.statusAfter]}，共{' '}
                      {r.lines.length} 条
                    </Typography.Text>
                    {r.reason && (
                      <Typography.Text style={{ overflowWrap: 'anywhere' }}>原因：{r.reason}</Typography.Text>
                    )}
                    <Collapse
                      size="small"
                      ghost
                      items={[
                        {
                          key: 'lines',
                          label: '当时的计划',
                          children: <LineCards plan={plan} lines={r.lines} />,
                        },
                      ]}
                    />
                  </Flex>
                ),
              }))}
            />
          ),
        },
      ]}
    />
  );
}
