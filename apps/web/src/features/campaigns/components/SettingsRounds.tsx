import { Alert, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import {
  runByLevelLabels,
  stageKindLabels,
  type CampaignSettings,
  type CampaignStage,
  type RubricCriterion,
} from '@jiangtai/contracts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { formatDate, formatDateRange } from '../../../lib/format.ts';
import { describeDrop, describePenalty, describeQuota, describeTieRule, rubricSum } from '../describe.ts';

const num = (n: number) => String(Number(n.toFixed(2)));

/** Stages and quotas, each round's rubric and rules, and the awards. */
export function SettingsRounds({ settings: s }: { settings: CampaignSettings }) {
  const stageName = (key: string) => s.stages.find((st) => st.key === key)?.name ?? key;
  return (
    <>
      <Card size="small" title="阶段与名额" style={{ marginBottom: 12 }}>
        <ResponsiveTable<CampaignStage>
          data-testid="stage-table"
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={s.stages}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: '阶段',
              dataIndex: 'name',
              width: 150,
              render: (v: string, r) => (
                <>
                  <div>{v}</div>
                  <Tag>{stageKindLabels[r.kind]}</Tag>
                </>
              ),
            },
            {
              title: '时间',
              key: 'window',
              width: 200,
              render: (_: unknown, r) => formatDateRange(r.startsOn, r.endsOn),
            },
            {
              title: '报送截止',
              dataIndex: 'submissionDeadline',
              width: 130,
              render: (v: string | null | undefined) => (v ? formatDate(v) : '—'),
            },
            {
              title: '组织',
              dataIndex: 'runBy',
              width: 120,
              render: (v: CampaignStage['runBy']) => runByLevelLabels[v],
            },
            {
              title: '推荐名额',
              dataIndex: 'quota',
              width: 120,
              render: (v: CampaignStage['quota']) => describeQuota(v),
            },
            {
              title: '晋级 / 入选',
              dataIndex: 'advanceCount',
              width: 100,
              render: (v: number | null | undefined) => (v ? `${v} 名` : '—'),
            },
            {
              title: '说明',
              dataIndex: 'description',
              card: 'full',
              render: (v: string) => <div style={{ minWidth: 200, maxWidth: 480 }}>{v || '—'}</div>,
            },
          ]}
        />
      </Card>
      {s.rubrics.length === 0 && (
        <Card size="small" title="评分标准" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">还没有设置评分标准。</Typography.Text>
        </Card>
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {s.rubrics.map((r) => {
          const sum = rubricSum(r);
          const rules = s.roundRules.find((x) => x.stageKey === r.stageKey);
          const criterionName = (key: string) => r.criteria.find((c) => c.key === key)?.name ?? key;
          return (
            <Col key={r.stageKey} xs={24} xl={s.rubrics.length > 1 ? 12 : 24}>
              <Card
                size="small"
                title={`评分标准 · ${stageName(r.stageKey)}（满分 ${num(r.total)} 分）`}
                style={{ height: '100%' }}
                data-testid={`rubric-${r.stageKey}`}
              >
                <Table<RubricCriterion>
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={r.criteria}
                  tableLayout="fixed"
                  columns={[
                    { title: '评分项', dataIndex: 'name', width: 96 },
                    { title: '评分要点', dataIndex: 'description', render: (v: string) => v || '—' },
                    {
                      title: '分值',
                      dataIndex: 'max',
                      width: 64,
                      align: 'right',
                      render: (v: number) => num(v),
                    },
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={2}>
                        合计
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">
                        <Typography.Text
                          strong
                          type={Math.abs(sum - r.total) > 1e-6 ? 'danger' : undefined}
                          data-testid="rubric-sum"
                        >
                          {num(sum)}
                        </Typography.Text>
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
                {Math.abs(sum - r.total) > 1e-6 && (
                  <Alert
                    type="warning"
                    showIcon
                    title={`各项分值之和 ${num(sum)} 与总分 ${num(r.total)} 不一致`}
                    style={{ marginTop: 8 }}
                  />
                )}
                {rules && (
                  <Descriptions
                    size="small"
                    column={1}
                    style={{ marginTop: 8 }}
                    items={[
                      { key: 'judges', label: '评委', children: `每件作品 ${rules.judgesPerEntry} 位评委` },
                      {
                        key: 'drop',
                        label: '计分',
                        children: `${describeDrop(rules)}，保留 ${rules.decimals} 位小数`,
                      },
                      { key: 'tie', label: '同分', children: describeTieRule(rules, criterionName) },
                      { key: 'penalty', label: '超时扣分', children: describePenalty(rules.timePenalty) },
                    ]}
                  />
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card size="small" title="奖项" style={{ marginBottom: 12 }}>
        <Space orientation="vertical">
          <Space wrap>
            {s.awardTiers.length === 0 && (
              <Typography.Text type="secondary">未设置个人奖项。</Typography.Text>
            )}
            {s.awardTiers.map((a) => (
              <Tag key={a.name} color="gold">
                {a.name} {a.places} 名
              </Tag>
            ))}
          </Space>
          {s.orgAwards.length > 0 && (
            <Space wrap>
              {s.orgAwards.map((a) => (
                <Tag key={a.name} color="volcano">
                  {a.name} {a.places === null ? '若干' : `${a.places} 个`}
                </Tag>
              ))}
            </Space>
          )}
          {s.speakerPool && (
            <Typography.Text>师资库：每个县市区不少于 {s.speakerPool.targetPerCounty} 人</Typography.Text>
          )}
          {s.lecturePlan && (
            <Typography.Text>
              宣讲计划：{s.lecturePlan.required ? '各支部必须填报' : '各支部可自愿填报'}
              {s.lecturePlan.dueOn ? `，${formatDate(s.lecturePlan.dueOn)}前提交` : ''}
            </Typography.Text>
          )}
        </Space>
      </Card>
    </>
  );
}
