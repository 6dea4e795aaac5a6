import { useEffect } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import {
  lectureOccasionLabels,
  lectureOccasions,
  type PlanDetail,
  type PlanLineInput,
} from '@jiangtai/contracts';
import { browserKey } from './api.ts';
import { monthLabel } from './labels.tsx';

interface Values {
  month: string;
  occasion: PlanLineInput['occasion'];
  topic: string;
  categoryKey: string;
  speakerKind: 'member' | 'guest';
  speakerMemberId?: string;
  guestSpeakerName?: string;
}

/** Adds or changes one planned lecture: month, occasion, topic, category, and a member of the branch or a guest. */
export function LineForm({
  plan,
  line,
  open,
  onDone,
  onCancel,
}: {
  plan: PlanDetail;
  line: PlanLineInput | null;
  open: boolean;
  onDone: (line: PlanLineInput) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('speakerKind', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      line
        ? {
            month: line.month,
            occasion: line.occasion,
            topic: line.topic,
            categoryKey: line.categoryKey,
            speakerKind: line.speakerMemberId ? 'member' : 'guest',
            speakerMemberId: line.speakerMemberId ?? undefined,
            guestSpeakerName: line.guestSpeakerName ?? undefined,
          }
        : {
            month: plan.months[0],
            occasion: 'theme_day',
            categoryKey: plan.categories[0]?.key,
            speakerKind: 'member',
          },
    );
  }, [open, line, plan, form]);

  const finish = (v: Values) =>
    onDone({
      key: line?.key ?? browserKey(),
      month: v.month,
      occasion: v.occasion,
      topic: v.topic.trim(),
      categoryKey: v.categoryKey,
      speakerMemberId: v.speakerKind === 'member' ? (v.speakerMemberId ?? null) : null,
      guestSpeakerName: v.speakerKind === 'guest' ? (v.guestSpeakerName?.trim() ?? null) : null,
    });

  return (
    <Modal
      title={line ? '修改宣讲安排' : '添加宣讲安排'}
      open={open}
      okText="确定"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={finish} aria-label="宣讲安排">
        <Form.Item label="月份" name="month" rules={[{ required: true, message: '请选择月份' }]}>
          <Select options={plan.months.map((m) => ({ value: m, label: monthLabel(m) }))} aria-label="月份" />
        </Form.Item>
        <Form.Item label="宣讲场合" name="occasion" rules={[{ required: true, message: '请选择宣讲场合' }]}>
          <Select
            options={lectureOccasions.map((o) => ({ value: o, label: lectureOccasionLabels[o] }))}
            aria-label="宣讲场合"
          />
        </Form.Item>
        <Form.Item
          label="宣讲题目"
          name="topic"
          rules={[{ required: true, whitespace: true, message: '请填写宣讲题目' }]}
        >
          <Input maxLength={100} placeholder="如：学习身边的榜样" aria-label="宣讲题目" />
        </Form.Item>
        <Form.Item
          label="宣讲类别"
          name="categoryKey"
          rules={[{ required: true, message: '请选择宣讲类别' }]}
        >
          <Select
            options={plan.categories.map((c) => ({ value: c.key, label: c.name }))}
            aria-label="宣讲类别"
          />
        </Form.Item>
        <Form.Item label="宣讲人" name="speakerKind">
          <Radio.Group
            options={[
              { value: 'member', label: '本支部党员' },
              { value: 'guest', label: '特邀宣讲人' },
            ]}
          />
        </Form.Item>
        {kind === 'guest' ? (
          <Form.Item
            label="特邀宣讲人姓名"
            name="guestSpeakerName"
            rules={[{ required: true, whitespace: true, message: '请填写宣讲人姓名' }]}
          >
            <Input maxLength={30} placeholder="如：市委党校 张教授" aria-label="特邀宣讲人姓名" />
          </Form.Item>
        ) : (
          <Form.Item
            label="选择党员"
            name="speakerMemberId"
            rules={[{ required: true, message: '请选择本支部的一名党员' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="输入姓名查找"
              aria-label="选择党员"
              options={plan.members.map((m) => ({
                value: m.id,
                label: m.positions.some((p) => p !== '党员')
                  ? `${m.name}（${m.positions.join('、')}）`
                  : m.name,
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
