import { Alert, Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { isContestStage, type CampaignStage, type Rubric } from '@jiangtai/contracts';
import { rubricSum } from '../describe.ts';
import { FieldGrid, ItemCard, Section, newKey } from './fields.tsx';

const num = (n: number) => String(Number(n.toFixed(2)));

/** Default 100-point rubric (organisers edit it). */
const defaultCriteria = [
  { name: '内容主题', max: 40, description: '主题鲜明，政治方向正确；内容充实，紧扣活动主题' },
  { name: '语言表达', max: 25, description: '普通话标准，表达流畅，生动感人' },
  { name: '课件制作', max: 15, description: '课件与讲稿契合，简洁美观' },
  { name: '仪表风范', max: 10, description: '着装得体，仪态大方' },
  { name: '时间把控', max: 10, description: '在规定时间内完成宣讲' },
];

export function useContestStageOptions() {
  const stages = Form.useWatch<CampaignStage[] | undefined>('stages') ?? [];
  return stages
    .filter((s) => s?.key && s.kind && isContestStage(s.kind))
    .map((s) => ({ value: s.key, label: s.name || s.key }));
}

/** A contest stage's name for a card title, or a prompt while none is chosen. */
export function contestStageName(options: { value: string; label: string }[], key?: string) {
  return options.find((o) => o.value === key)?.label ?? '（未选择阶段）';
}

function RubricSum({ name }: { name: number }) {
  const rubric = Form.useWatch<Partial<Rubric> | undefined>(['rubrics', name]);
  const sum = rubricSum({ criteria: rubric?.criteria ?? [] });
  const total = Number(rubric?.total) || 0;
  const ok = Math.abs(sum - total) < 1e-6;
  return (
    <Alert
      type={ok ? 'success' : 'warning'}
      showIcon
      data-testid="rubric-live-sum"
      title={
        ok
          ? `各项分值合计 ${num(sum)} 分，等于总分`
          : `各项分值合计 ${num(sum)} 分，总分 ${num(total)} 分，还差 ${num(total - sum)} 分`
      }
      style={{ marginBottom: 12 }}
    />
  );
}

function Criteria({ name }: { name: number }) {
  return (
    <Form.List name={[name, 'criteria']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Flex
              key={field.key}
              gap={8}
              align="start"
              wrap
              style={{ borderBottom: '1px dashed #f0f0f0', marginBottom: 8 }}
            >
              <Form.Item name={[field.name, 'key']} hidden>
                <Input />
              </Form.Item>
              <Form.Item
                label={`评分项 ${i + 1}`}
                name={[field.name, 'name']}
                style={{ width: 140, marginBottom: 8 }}
              >
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item label="分值" name={[field.name, 'max']} style={{ width: 100, marginBottom: 8 }}>
                <InputNumber min={0} max={1000} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                label="评分要点"
                name={[field.name, 'description']}
                style={{ flex: 1, minWidth: 200, marginBottom: 8 }}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
              </Form.Item>
              <Button
                type="text"
                danger
                aria-label={`删除评分项 ${i + 1}`}
                icon={<DeleteOutlined />}
                onClick={() => remove(field.name)}
                style={{ marginTop: 30 }}
              />
            </Flex>
          ))}
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ key: newKey('c'), name: '', max: 10, description: '' })}
          >
            添加评分项
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function RubricsSection() {
  const stageOptions = useContestStageOptions();
  const rubrics = Form.useWatch<Partial<Rubric>[] | undefined>('rubrics');
  return (
    <Section id="rubrics" title="评分标准（每轮一套）">
      <Typography.Paragraph type="secondary">
        各评分项分值之和须等于总分。只有初赛、复赛、决赛、评选阶段可以设置评分标准。
      </Typography.Paragraph>
      <Form.List name="rubrics">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <ItemCard
                key={field.key}
                index={i}
                count={fields.length}
                title={`评分标准：${contestStageName(stageOptions, rubrics?.[i]?.stageKey)}`}
                onRemove={() => remove(field.name)}
                removeLabel={`删除第 ${i + 1} 套评分标准`}
              >
                <FieldGrid>
                  <Form.Item label="所属阶段" name={[field.name, 'stageKey']}>
                    <Select options={stageOptions} placeholder="选择比赛阶段" />
                  </Form.Item>
                  <Form.Item label="总分" name={[field.name, 'total']}>
                    <InputNumber min={1} max={1000} suffix="分" style={{ width: '100%' }} />
                  </Form.Item>
                </FieldGrid>
                <RubricSum name={field.name} />
                <Criteria name={field.name} />
              </ItemCard>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() =>
                add({
                  stageKey: undefined,
                  total: 100,
                  criteria: defaultCriteria.map((c) => ({ ...c, key: newKey('c') })),
                })
              }
            >
              添加评分标准（默认 100 分五项）
            </Button>
          </>
        )}
      </Form.List>
    </Section>
  );
}
