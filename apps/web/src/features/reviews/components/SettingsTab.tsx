import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { materialLabels, type RoundConfig, type RubricCriterion } from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { formatDate } from '../../../lib/format.ts';
import { useRoundMutations, type RoundDetail } from '../api.ts';
import {
  RoundConfigForm,
  fromFormValues,
  roundConfigFields,
  tieNeedsCriterion,
  tieRuleOptions,
  toFormValues,
  type RoundConfigValues,
} from './RoundConfigForm.tsx';
import { advancementText } from './ResultsTab.tsx';
import { ProblemAlert, type FormProblem } from './ProblemAlert.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

/** The round's settings as text. */
export function RoundConfigView({ config: c }: { config: RoundConfig }) {
  const sum = c.criteria.reduce((s, x) => s + x.max, 0);
  const criterionName = (key: string) => c.criteria.find((x) => x.key === key)?.name ?? key;
  const tie = tieRuleOptions.find((o) => o.value === c.tieRule.kind)?.label ?? c.tieRule.kind;
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="轮次名称">{c.name}</Descriptions.Item>
        <Descriptions.Item label="评委可见材料">
          {c.materials.map((m) => materialLabels[m]).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="盲评">
          {c.blind ? '是（评委只看到作品编号，文件去除作者信息）' : '否'}
        </Descriptions.Item>
        <Descriptions.Item label="每件作品评委人数">{c.judgesPerEntry} 位</Descriptions.Item>
        <Descriptions.Item label="去分">
          {c.dropHighest || c.dropLowest
            ? `去掉 ${c.dropHighest} 个最高分、${c.dropLowest} 个最低分`
            : '不去分'}
        </Descriptions.Item>
        <Descriptions.Item label="保留小数位数">{c.decimals} 位</Descriptions.Item>
        <Descriptions.Item label="同分规则">
          {tie}
          {'criterionKey' in c.tieRule && tieNeedsCriterion(c.tieRule.kind)
            ? `（${criterionName(c.tieRule.criterionKey)}）`
            : ''}
        </Descriptions.Item>
        <Descriptions.Item label="评分截止日期">{formatDate(c.deadline)}</Descriptions.Item>
        <Descriptions.Item label="晋级规则">{advancementText(c.advancement)}</Descriptions.Item>
        <Descriptions.Item label="公示期">{c.noticeWorkingDays} 个工作日</Descriptions.Item>
      </Descriptions>
      <ResponsiveTable<RubricCriterion>
        aria-label="评分标准"
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={c.criteria}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '评分项', dataIndex: 'name' },
          { title: '满分', dataIndex: 'max', align: 'right' },
          {
            title: '评分要点',
            dataIndex: 'description',
            card: 'full',
            render: (v: string | undefined) => v ?? '',
          },
        ]}
        footer={() => <Typography.Text strong>各项满分合计：{sum} 分</Typography.Text>}
      />
    </>
  );
}

/**
 * 「设置」: the settings; while the round is open the organiser may change them, and after scoring
 * closed still the advancement rule, the notice period and the name (e.g. a list over a unit's quota).
 */
export function SettingsTab({ detail }: { detail: RoundDetail }) {
  const r = detail.round;
  const { message } = App.useApp();
  const m = useRoundMutations(r.id);
  const [form] = Form.useForm<RoundConfigValues>();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const editable = detail.canManage && (r.state === 'open' || r.state === 'closed');
  const closedNote = r.state === 'closed' && (
    <Alert
      type="info"
      showIcon
      title="评分已截止：只能修改晋级规则、公示期和轮次名称，评分设置保持评委评分时的样子"
      style={{ marginBottom: 12 }}
    />
  );

  if (!editing || !editable)
    return (
      <>
        {editable ? (
          <>
            {closedNote}
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} style={{ marginBottom: 12 }}>
              {r.state === 'closed' ? '修改晋级规则' : '修改设置'}
            </Button>
          </>
        ) : (
          <Alert
            type="info"
            showIcon
            title={detail.canManage ? '晋级名单已确认，设置不能再修改' : '只有本轮组织者可以修改设置'}
            style={{ marginBottom: 12 }}
          />
        )}
        <RoundConfigView config={r.config} />
      </>
    );

  return (
    <>
      {closedNote}
      <ProblemAlert problem={problem} />
      <RoundConfigForm
        form={form}
        initial={toFormValues(r.config)}
        rubricLocked={r.rubricLocked}
        submitting={m.update.isPending}
        submitText="保存设置"
        onCancel={() => {
          setProblem(null);
          setEditing(false);
        }}
        onFinish={(values) => {
          setProblem(null);
          const { criteria, ...rest } = fromFormValues(values);
          m.update.mutate(r.rubricLocked ? rest : { ...rest, criteria }, {
            onSuccess: () => {
              void message.success('设置已保存');
              setEditing(false);
            },
            onError: (e) => {
              const unmatched = applyIssues(form, e, roundConfigFields);
              const fieldsOnly = e instanceof ApiError && e.issues.length > 0 && unmatched.length === 0;
              setProblem({ text: fieldsOnly ? '请按提示修改后再保存' : errorText(e), issues: unmatched });
            },
          });
        }}
      />
    </>
  );
}
