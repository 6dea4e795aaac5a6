import { useEffect } from 'react';
import { Button, DatePicker, Form, Input, Select, Switch, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  formatCampaignDate,
  isCalendarDate,
  isContestStage,
  stageDescriptionDateIssues,
  runByLevelLabels,
  runByLevels,
  stageKindLabels,
  stageKinds,
  type CampaignStage,
  type StageKind,
} from '@jiangtai/contracts';
import { DATE_FORMAT, FieldGrid, ItemCard, Section, dateItemProps, newKey } from './fields.tsx';
import { OptionalNumber } from './inputs.tsx';

function StageFields({ name, index }: { name: number; index: number }) {
  const form = Form.useFormInstance();
  const kind = Form.useWatch<StageKind | undefined>(['stages', name, 'kind']);
  const quota = Form.useWatch<CampaignStage['quota']>(['stages', name, 'quota']);
  const advanceCount = Form.useWatch<number | null | undefined>(['stages', name, 'advanceCount']);
  const contest = kind ? isContestStage(kind) : false;
  // Only contest stages have quotas and advancement; clear them when the kind changes away.
  useEffect(() => {
    if (!kind || contest) return;
    if (quota) form.setFieldValue(['stages', name, 'quota'], null);
    if (advanceCount) form.setFieldValue(['stages', name, 'advanceCount'], null);
  }, [kind, contest, quota, advanceCount, form, name]);
  const stage = Form.useWatch<CampaignStage | undefined>(['stages', name]);
  const at = (...p: string[]) => [name, ...p];
  return (
    <>
      <Form.Item name={at('key')} hidden>
        <Input />
      </Form.Item>
      <FieldGrid>
        <Form.Item label="阶段名称" name={at('name')} required>
          <Input maxLength={30} placeholder="如：初赛" />
        </Form.Item>
        <Form.Item label="阶段类型" name={at('kind')} required>
          <Select options={stageKinds.map((k) => ({ value: k, label: stageKindLabels[k] }))} />
        </Form.Item>
        <Form.Item label="组织层级" name={at('runBy')} required>
          <Select options={runByLevels.map((l) => ({ value: l, label: runByLevelLabels[l] }))} />
        </Form.Item>
      </FieldGrid>
      <FieldGrid>
        <Form.Item label="开始日期" name={at('startsOn')} required {...dateItemProps}>
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            aria-label={`第 ${index + 1} 个阶段的开始日期`}
          />
        </Form.Item>
        <Form.Item label="结束日期" name={at('endsOn')} required {...dateItemProps}>
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            aria-label={`第 ${index + 1} 个阶段的结束日期`}
          />
        </Form.Item>
        <Form.Item
          label="材料报送截止"
          name={at('submissionDeadline')}
          {...dateItemProps}
          extra="选填；截止日当天 24 时（北京时间）关闭"
        >
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            allowClear
            aria-label={`第 ${index + 1} 个阶段的材料报送截止日期`}
          />
        </Form.Item>
      </FieldGrid>
      {contest && (
        <FieldGrid>
          <Form.Item label="每单位推荐名额">
            <Switch
              checked={!!quota}
              checkedChildren="限额"
              unCheckedChildren="不限"
              aria-label={`第 ${index + 1} 个阶段设置每单位推荐名额`}
              onChange={(on) => form.setFieldValue(['stages', name, 'quota'], on ? { min: 1, max: 2 } : null)}
            />
          </Form.Item>
          {quota && (
            <>
              <Form.Item label="名额下限" name={at('quota', 'min')}>
                <OptionalNumber min={0} max={100} precision={0} suffix="名" />
              </Form.Item>
              <Form.Item label="名额上限" name={at('quota', 'max')}>
                <OptionalNumber min={1} max={100} precision={0} suffix="名" />
              </Form.Item>
            </>
          )}
          <Form.Item label="晋级 / 入选人数" name={at('advanceCount')} extra="选填；本阶段共产生多少名">
            <OptionalNumber min={1} max={10000} precision={0} suffix="名" placeholder="不限" />
          </Form.Item>
        </FieldGrid>
      )}
      <Form.Item label="阶段说明" name={at('description')} extra={<DescriptionDateHint stage={stage} />}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** As the organiser types or moves a date: a day named in the text that the dates above disagree with. */
function DescriptionDateHint({ stage }: { stage: CampaignStage | undefined }) {
  if (!stage?.description || !isCalendarDate(stage.startsOn) || !isCalendarDate(stage.endsOn)) return null;
  const issues = stageDescriptionDateIssues([stage], formatCampaignDate);
  if (issues.length === 0) return null;
  return (
    <Typography.Text type="warning">
      {issues.map((i) => `说明中的「${i.mention}」与本阶段的日期不一致`).join('；')}，请修改说明或日期
    </Typography.Text>
  );
}

export function StagesSection() {
  const stages = Form.useWatch<CampaignStage[] | undefined>('stages');
  return (
    <Section id="stages" title="阶段与名额">
      <Form.List name="stages">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((field, i) => (
              <ItemCard
                key={field.key}
                index={i}
                count={fields.length}
                title={`第 ${i + 1} 阶段${stages?.[i]?.name ? `：${stages[i].name}` : ''}`}
                onMove={move}
                onRemove={() => remove(field.name)}
                removeLabel={`删除第 ${i + 1} 阶段`}
              >
                <StageFields name={field.name} index={i} />
              </ItemCard>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() =>
                add({
                  key: newKey('stage'),
                  name: '',
                  kind: 'preliminary',
                  runBy: 'unit',
                  startsOn: null,
                  endsOn: null,
                  submissionDeadline: null,
                  description: '',
                  quota: null,
                  advanceCount: null,
                })
              }
            >
              添加阶段
            </Button>
          </>
        )}
      </Form.List>
    </Section>
  );
}
