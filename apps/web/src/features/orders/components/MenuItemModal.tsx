import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import {
  audienceTypeLabels,
  audienceTypes,
  lectureFormatLabels,
  type MenuItem,
  type MenuItemInput,
} from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useLectureChoices, useMenuMutations, usePoolSpeakers } from '../api.ts';

/** 新增 / 修改 a menu item: speakers from the pool's active speakers. */
export function MenuItemModal(props: {
  poolId: string;
  item: MenuItem | null;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<MenuItemInput>();
  const speakers = usePoolSpeakers(props.poolId, props.open);
  const chosenSpeakers = Form.useWatch('speakerIds', form) ?? [];
  const lectures = useLectureChoices(props.poolId, chosenSpeakers, props.open);
  const m = useMenuMutations(props.poolId);
  const saving = m.create.isPending || m.update.isPending;
  const initial: Partial<MenuItemInput> = props.item
    ? {
        title: props.item.title,
        summary: props.item.summary,
        category: props.item.category,
        speakerIds: props.item.speakers.map((s) => s.id),
        durationMinutes: props.item.durationMinutes,
        format: props.item.format,
        audiences: props.item.audiences,
        classroomLectureId: props.item.classroomLectureId,
      }
    : { durationMinutes: 45, format: 'onsite', audiences: [] };

  async function save(v: MenuItemInput) {
    try {
      const body = { ...v, classroomLectureId: v.classroomLectureId ?? null };
      if (props.item) await m.update.mutateAsync({ id: props.item.id, body });
      else await m.create.mutateAsync(body);
      props.onClose();
    } catch (e) {
      if (!(e instanceof ApiError && applyIssues(form, e)))
        form.setFields([{ name: 'title', errors: [errorText(e)] }]);
    }
  }

  return (
    <Modal
      title={props.item ? '修改宣讲' : '新增宣讲'}
      open={props.open}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving }}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        <Form.Item
          name="title"
          label="宣讲题目"
          rules={[{ required: true, whitespace: true, message: '请填写宣讲题目' }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="summary" label="内容简介">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="category" label="类别">
          <Input maxLength={30} placeholder="例如：理论宣讲、政策解读" />
        </Form.Item>
        <Form.Item
          name="speakerIds"
          label="宣讲人"
          rules={[{ required: true, message: '请选择至少一位宣讲人' }]}
        >
          <Select
            mode="multiple"
            loading={speakers.isPending}
            options={(speakers.data?.items ?? []).map((s) => ({
              value: s.id,
              label: s.unitTitle ? `${s.name}（${s.unitTitle}）` : s.name,
            }))}
            optionFilterProp="label"
            placeholder="从本师资库在库宣讲人中选择"
          />
        </Form.Item>
        <Form.Item
          name="durationMinutes"
          label="时长（分钟）"
          rules={[{ required: true, message: '请填写时长' }]}
        >
          <InputNumber min={5} max={600} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="format" label="形式" rules={[{ required: true, message: '请选择宣讲形式' }]}>
          <Radio.Group
            optionType="button"
            options={Object.entries(lectureFormatLabels).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="audiences"
          label="适合听众"
          rules={[{ required: true, message: '请选择适合的听众' }]}
        >
          <Select
            mode="multiple"
            options={audienceTypes.map((a) => ({ value: a, label: audienceTypeLabels[a] }))}
          />
        </Form.Item>
        <Form.Item
          name="classroomLectureId"
          label="网上微课视频（可选）"
          extra="选择后，能观看这节微课的人在菜单上会看到「观看视频」"
        >
          <Select
            allowClear
            showSearch
            aria-label="网上微课视频"
            loading={lectures.isPending}
            optionFilterProp="label"
            placeholder="从已发布的网上微课中选择"
            options={(lectures.data?.items ?? []).map((l) => ({
              value: l.id,
              label: `${l.title}（${l.speakerName}${l.bySpeaker ? '，本宣讲人' : ''}）`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
