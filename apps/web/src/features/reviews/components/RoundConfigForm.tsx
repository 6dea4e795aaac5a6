import type { ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Typography,
  type FormInstance,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  advancementKindLabels,
  advancementKinds,
  materialLabels,
  reviewMaterialKinds,
  type AdvancementKind,
  type LiveSettings,
  type RoundConfig,
  type RubricCriterion,
  type TieRuleKind,
} from '@jiangtai/contracts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { DATE_INPUT_FORMAT } from '../../../lib/format.ts';
import {
  LiveSettingsFields,
  liveFromForm,
  liveToForm,
  type LiveFormValues,
} from '../../live/components/LiveSettingsFields.tsx';

/** The form's values: the round config with the deadline as a date picker value. */
export interface RoundConfigValues
  extends Omit<RoundConfig, 'deadline' | 'tieRule' | 'live'>, LiveFormValues {
  deadline: Dayjs | null;
  tieRule: { kind: TieRuleKind; criterionKey?: string };
}

export const tieRuleOptions: { value: TieRuleKind; label: string }[] = [
  { value: 'untrimmed_mean_then_criterion', label: '比较未去分平均分，再比较某评分项' },
  { value: 'untrimmed_mean', label: '比较未去分平均分' },
  { value: 'criterion', label: '比较某评分项' },
  { value: 'flag', label: '由组织者裁定' },
];

export const tieNeedsCriterion = (kind: TieRuleKind | undefined) =>
  kind === 'untrimmed_mean_then_criterion' || kind === 'criterion';

/** Top-level fields of the form, for applyIssues (issues elsewhere go in a summary). */
export const roundConfigFields = [
  'name',
  'materials',
  'blind',
  'criteria',
  'judgesPerEntry',
  'dropHighest',
  'dropLowest',
  'decimals',
  'tieRule',
  'deadline',
  'advancement',
  'noticeWorkingDays',
] as const;

/** `liveDefaults`: a 决赛 may be run as a live final; its settings start from these. */
export function toFormValues(c: RoundConfig, liveDefaults?: LiveSettings | null): RoundConfigValues {
  const { live, ...rest } = c;
  return {
    ...rest,
    ...liveToForm(live ?? liveDefaults, !!live),
    criteria: c.criteria.map((x) => ({ ...x, description: x.description ?? '' })),
    deadline: c.deadline ? dayjs(c.deadline) : null,
    tieRule: { ...c.tieRule },
  };
}

export function fromFormValues(v: RoundConfigValues): RoundConfig {
  const tieRule: RoundConfig['tieRule'] =
    v.tieRule.kind === 'untrimmed_mean_then_criterion' || v.tieRule.kind === 'criterion'
      ? { kind: v.tieRule.kind, criterionKey: v.tieRule.criterionKey ?? '' }
      : { kind: v.tieRule.kind };
  return {
    name: v.name,
    materials: v.materials,
    blind: v.blind,
    criteria: v.criteria.map((c) => ({
      key: c.key,
      name: c.name,
      max: c.max,
      description: c.description ?? '',
    })),
    judgesPerEntry: v.judgesPerEntry,
    dropHighest: v.dropHighest,
    dropLowest: v.dropLowest,
    decimals: v.decimals,
    tieRule,
    deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : '',
    advancement: v.advancement,
    noticeWorkingDays: v.noticeWorkingDays,
    live: liveFromForm(v),
  };
}

const num = (n: number) => String(Number(n.toFixed(2)));

/** A key for a new criterion: c1, c2, … by position, skipping keys already used. */
function nextKey(used: readonly (string | undefined)[], position: number): string {
  let n = position;
  while (used.includes(`c${n}`)) n += 1;
  return `c${n}`;
}

function CriteriaSum() {
  const criteria = Form.useWatch<Partial<RubricCriterion>[] | undefined>('criteria') ?? [];
  const sum = criteria.reduce((s, c) => s + (Number(c?.max) || 0), 0);
  return (
    <Typography.Text strong data-testid="criteria-sum">
      各项满分合计：{num(sum)} 分
    </Typography.Text>
  );
}

function CriteriaTable({ locked }: { locked: boolean }) {
  const form = Form.useFormInstance<RoundConfigValues>();
  return (
    <Form.List name="criteria">
      {(fields, { add, remove }) => (
        <>
          <ResponsiveTable
            aria-label="评分标准"
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: '评分项',
                key: 'name',
                width: 160,
                card: 'title',
                render: (_: unknown, field, i) => (
                  <>
                    <Form.Item name={[field.name, 'key']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      style={{ margin: 0 }}
                      rules={[{ required: true, whitespace: true, message: '请填写评分项名称' }]}
                    >
                      <Input maxLength={30} disabled={locked} aria-label={`评分项 ${i + 1} 名称`} />
                    </Form.Item>
                  </>
                ),
              },
              {
                title: '满分',
                key: 'max',
                width: 100,
                render: (_: unknown, field, i) => (
                  <Form.Item
                    name={[field.name, 'max']}
                    style={{ margin: 0 }}
                    rules={[{ required: true, message: '请填写满分' }]}
                  >
                    <InputNumber
                      min={0}
                      max={1000}
                      disabled={locked}
                      style={{ width: '100%' }}
                      aria-label={`评分项 ${i + 1} 满分`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: '评分要点',
                key: 'description',
                width: 260,
                card: 'full',
                render: (_: unknown, field, i) => (
                  <Form.Item name={[field.name, 'description']} style={{ margin: 0 }}>
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={500}
                      disabled={locked}
                      aria-label={`评分项 ${i + 1} 评分要点`}
                    />
                  </Form.Item>
                ),
              },
              ...(locked
                ? []
                : [
                    {
                      title: '',
                      key: 'remove',
                      width: 48,
                      card: 'extra' as const,
                      render: (_: unknown, field: { name: number }, i: number) => (
                        <Button
                          type="text"
                          danger
                          aria-label={`删除评分项 ${i + 1}`}
                          icon={<DeleteOutlined />}
                          disabled={fields.length <= 1}
                          onClick={() => remove(field.name)}
                        />
                      ),
                    },
                  ]),
            ]}
          />
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
            {!locked ? (
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  const used = (
                    form.getFieldValue('criteria') as Partial<RubricCriterion>[] | undefined
                  )?.map((c) => c?.key);
                  add({ key: nextKey(used ?? [], fields.length + 1), name: '', max: 10, description: '' });
                }}
              >
                添加评分项
              </Button>
            ) : (
              <span />
            )}
            <CriteriaSum />
          </Flex>
        </>
      )}
    </Form.List>
  );
}

function TieRuleFields() {
  const kind = Form.useWatch<TieRuleKind | undefined>(['tieRule', 'kind']);
  const criteria = Form.useWatch<Partial<RubricCriterion>[] | undefined>('criteria') ?? [];
  const options = criteria.filter((c) => c?.key).map((c) => ({ value: c.key!, label: c.name || c.key! }));
  return (
    <Flex gap={8} wrap>
      <Form.Item
        label="同分规则"
        name={['tieRule', 'kind']}
        rules={[{ required: true, message: '请选择同分规则' }]}
        style={{ minWidth: 260, flex: 1 }}
        extra="规则比较后仍相同的，都会提示组织者裁定。"
      >
        <Select options={tieRuleOptions} />
      </Form.Item>
      {tieNeedsCriterion(kind) && (
        <Form.Item
          label="比较的评分项"
          name={['tieRule', 'criterionKey']}
          rules={[{ required: true, message: '请选择同分时比较的评分项' }]}
          style={{ minWidth: 180 }}
        >
          <Select options={options} placeholder="选择评分项" />
        </Form.Item>
      )}
    </Flex>
  );
}

const advancementOptions = advancementKinds.map((k: AdvancementKind) => ({
  value: k,
  label: advancementKindLabels[k],
}));

const intField = (label: string, min: number, max: number) => ({
  label,
  rules: [{ required: true, message: `请填写${label}` }],
  children: <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} />,
});

/**
 * The round's settings, used when opening a round and when changing one. The caller owns the form (to
 * put server issues beside fields) and the submit.
 */
export function RoundConfigForm({
  form,
  initial,
  onFinish,
  submitting,
  submitText,
  rubricLocked = false,
  extraTop,
  onCancel,
}: {
  form: FormInstance<RoundConfigValues>;
  initial: RoundConfigValues;
  onFinish: (values: RoundConfigValues) => void;
  submitting: boolean;
  submitText: string;
  rubricLocked?: boolean;
  /** Fields placed before the settings (e.g. the unit of a unit-run round). */
  extraTop?: ReactNode;
  onCancel?: () => void;
}) {
  const number = (name: keyof RoundConfigValues, label: string, min: number, max: number, extra?: string) => {
    const f = intField(label, min, max);
    return (
      <Form.Item name={name} label={f.label} rules={f.rules} extra={extra} style={{ minWidth: 160, flex: 1 }}>
        {f.children}
      </Form.Item>
    );
  };
  return (
    <Form<RoundConfigValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      scrollToFirstError
      style={{ maxWidth: 860 }}
    >
      {extraTop}
      <Form.Item
        name="name"
        label="轮次名称"
        rules={[
          { required: true, whitespace: true, message: '请填写轮次名称' },
          { max: 60, message: '轮次名称不能超过 60 个字' },
        ]}
      >
        <Input maxLength={60} placeholder="例如：初赛评审" />
      </Form.Item>
      <Form.Item
        name="materials"
        label="评委可见材料"
        // A validator, not `required`: antd would put aria-required on the checkbox group, which
        // that role does not allow (screen readers announce nothing useful).
        rules={[
          {
            validator: (_, v: unknown[] | undefined) =>
              v?.length ? Promise.resolve() : Promise.reject(new Error('请至少选择一种评委可见的材料')),
          },
        ]}
      >
        <Checkbox.Group options={reviewMaterialKinds.map((k) => ({ value: k, label: materialLabels[k] }))} />
      </Form.Item>
      <Form.Item
        name="blind"
        label="盲评"
        valuePropName="checked"
        extra="开启后，评委只看到作品编号，文件去除作者信息。"
      >
        <Switch checkedChildren="盲评" unCheckedChildren="不盲评" />
      </Form.Item>
      {initial.live ? <LiveSettingsFields locked={rubricLocked} /> : null}

      <Form.Item label="评分标准" required>
        {rubricLocked && (
          <Alert type="info" showIcon title="已有评委打分，评分标准不能再修改" style={{ marginBottom: 8 }} />
        )}
        <CriteriaTable locked={rubricLocked} />
      </Form.Item>

      <Flex gap={12} wrap>
        {number('judgesPerEntry', '每件作品评委人数', 1, 99)}
        {number('dropHighest', '去掉最高分个数', 0, 10)}
        {number('dropLowest', '去掉最低分个数', 0, 10)}
        {number('decimals', '保留小数位数', 0, 4)}
      </Flex>

      <TieRuleFields />

      <Form.Item
        name="deadline"
        label="评分截止日期"
        rules={[{ required: true, message: '请选择评分截止日期' }]}
        extra="截止日当天 24 点后评委不能再修改评分。"
      >
        <DatePicker format={DATE_INPUT_FORMAT} style={{ width: 200 }} inputReadOnly placeholder="选择日期" />
      </Form.Item>

      <Flex gap={8} wrap>
        <Form.Item
          label="晋级规则"
          name={['advancement', 'kind']}
          rules={[{ required: true, message: '请选择晋级规则' }]}
          style={{ minWidth: 220, flex: 1 }}
        >
          <Select options={advancementOptions} />
        </Form.Item>
        <Form.Item
          label="晋级人数 N"
          name={['advancement', 'count']}
          rules={[{ required: true, message: '请填写晋级人数' }]}
          style={{ width: 140 }}
        >
          <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>

      <Form.Item
        name="noticeWorkingDays"
        label="公示期（工作日）"
        rules={[{ required: true, message: '请填写公示期（工作日）' }]}
        style={{ maxWidth: 200 }}
      >
        <InputNumber min={1} max={30} precision={0} suffix="个工作日" style={{ width: '100%' }} />
      </Form.Item>

      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {submitText}
        </Button>
        {onCancel && <Button onClick={onCancel}>取消</Button>}
      </Flex>
    </Form>
  );
}
