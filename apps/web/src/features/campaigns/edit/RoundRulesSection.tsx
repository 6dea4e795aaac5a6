import { Button, Form, InputNumber, Select, Switch } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  penaltyUnitLabels,
  penaltyUnits,
  tieRuleKindLabels,
  tieRuleKinds,
  type Rubric,
  type RoundRules,
  type TieRuleKind,
} from '@jiangtai/contracts';
import { FieldGrid, ItemCard, Section } from './fields.tsx';
import { SecondsInput } from './inputs.tsx';
import { contestStageName, useContestStageOptions } from './RubricsSection.tsx';

function RuleFields({ name, index }: { name: number; index: number }) {
  const form = Form.useFormInstance();
  const stageOptions = useContestStageOptions();
  const rules = Form.useWatch<Partial<RoundRules> | undefined>(['roundRules', name]);
  const rubrics = Form.useWatch<Partial<Rubric>[] | undefined>('rubrics') ?? [];
  const criteria = rubrics.find((r) => r?.stageKey && r.stageKey === rules?.stageKey)?.criteria ?? [];
  const tieKind = rules?.tieRule?.kind as TieRuleKind | undefined;
  const needsCriterion = tieKind === 'criterion' || tieKind === 'untrimmed_mean_then_criterion';
  const at = (...p: string[]) => [name, ...p];
  return (
    <>
      <FieldGrid>
        <Form.Item label="所属阶段" name={at('stageKey')}>
          <Select options={stageOptions} placeholder="选择比赛阶段" />
        </Form.Item>
        <Form.Item label="每件作品的评委人数" name={at('judgesPerEntry')}>
          <InputNumber min={1} max={99} precision={0} suffix="人" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="去掉最高分" name={at('dropHighest')}>
          <InputNumber min={0} max={10} precision={0} suffix="个" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="去掉最低分" name={at('dropLowest')}>
          <InputNumber min={0} max={10} precision={0} suffix="个" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="保留小数位数" name={at('decimals')}>
          <InputNumber min={0} max={4} precision={0} suffix="位" style={{ width: '100%' }} />
        </Form.Item>
      </FieldGrid>
      <FieldGrid min={260}>
        <Form.Item
          label="同分规则"
          name={at('tieRule', 'kind')}
          extra="无论哪种规则，仍然相同的分数都会提示组织者处理，不会被悄悄排序"
        >
          <Select options={tieRuleKinds.map((k) => ({ value: k, label: tieRuleKindLabels[k] }))} />
        </Form.Item>
        {needsCriterion && (
          <Form.Item label="比较的评分项" name={at('tieRule', 'criterionKey')}>
            <Select
              placeholder={criteria.length ? '选择评分项' : '请先为该阶段设置评分标准'}
              options={criteria.filter((c) => c?.key).map((c) => ({ value: c.key, label: c.name || c.key }))}
            />
          </Form.Item>
        )}
      </FieldGrid>
      <Form.Item label="现场超时扣分">
        <Switch
          checked={!!rules?.timePenalty}
          checkedChildren="扣分"
          unCheckedChildren="不扣分"
          aria-label={`第 ${index + 1} 套评审规则的超时扣分`}
          onChange={(on) =>
            form.setFieldValue(
              ['roundRules', name, 'timePenalty'],
              on
                ? { limitSeconds: 480, graceSeconds: 0, per: 'half_minute', points: 0.5, maxPoints: 5 }
                : null,
            )
          }
        />
      </Form.Item>
      {rules?.timePenalty && (
        <FieldGrid min={220}>
          <Form.Item label="限时" name={at('timePenalty', 'limitSeconds')}>
            <SecondsInput />
          </Form.Item>
          <Form.Item label="宽限时间" name={at('timePenalty', 'graceSeconds')}>
            <SecondsInput max={600} />
          </Form.Item>
          <Form.Item label="计时单位" name={at('timePenalty', 'per')}>
            <Select options={penaltyUnits.map((u) => ({ value: u, label: penaltyUnitLabels[u] }))} />
          </Form.Item>
          <Form.Item label="每次扣分" name={at('timePenalty', 'points')}>
            <InputNumber min={0.01} max={100} step={0.5} suffix="分" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="最多扣分" name={at('timePenalty', 'maxPoints')}>
            <InputNumber min={0.01} max={1000} step={0.5} suffix="分" style={{ width: '100%' }} />
          </Form.Item>
        </FieldGrid>
      )}
    </>
  );
}

export function RoundRulesSection() {
  const stageOptions = useContestStageOptions();
  const list = Form.useWatch<Partial<RoundRules>[] | undefined>('roundRules');
  return (
    <Section id="roundRules" title="评审规则（每轮一套）">
      <Form.List name="roundRules">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <ItemCard
                key={field.key}
                index={i}
                count={fields.length}
                title={`评审规则：${contestStageName(stageOptions, list?.[i]?.stageKey)}`}
                onRemove={() => remove(field.name)}
                removeLabel={`删除第 ${i + 1} 套评审规则`}
              >
                <RuleFields name={field.name} index={i} />
              </ItemCard>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() =>
                add({
                  stageKey: undefined,
                  judgesPerEntry: 5,
                  dropHighest: 1,
                  dropLowest: 1,
                  decimals: 2,
                  tieRule: { kind: 'flag' },
                  timePenalty: null,
                })
              }
            >
              添加评审规则
            </Button>
          </>
        )}
      </Form.List>
    </Section>
  );
}
