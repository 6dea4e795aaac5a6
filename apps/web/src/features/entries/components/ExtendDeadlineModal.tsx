import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useEntryMutations } from '../api.ts';
import { DATE_INPUT_FORMAT } from '../../../lib/format.ts';

interface Values {
  stageKey: string;
  unitId: string;
  until: Dayjs;
  reason: string;
}

/** The organiser extends one unit's deadline for a stage; the reason is logged. */
export function ExtendDeadlineModal({
  campaignId,
  open,
  onClose,
  stages,
  units,
  initial,
}: {
  campaignId: string;
  open: boolean;
  onClose: () => void;
  stages: { key: string; name: string }[];
  units: { id: string; name: string }[];
  initial?: { stageKey?: string; unitId?: string };
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { extend } = useEntryMutations();
  return (
    <Modal
      title="延长截止时间"
      open={open}
      okText="确定延期"
      cancelText="取消"
      okButtonProps={{ loading: extend.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) =>
          extend.mutate(
            {
              campaignId,
              stageKey: v.stageKey,
              unitId: v.unitId,
              until: v.until.format('YYYY-MM-DD'),
              reason: v.reason,
            },
            {
              onSuccess: () => {
                void message.success('已延期，该单位在新的截止日期前可以继续报送');
                onClose();
              },
              onError: (e) => {
                if (!applyIssues(form, e).length) void message.error(errorText(e));
              },
            },
          )
        }
      >
        <Form.Item name="stageKey" label="阶段" rules={[{ required: true, message: '请选择阶段' }]}>
          <Select options={stages.map((s) => ({ value: s.key, label: s.name }))} />
        </Form.Item>
        <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
          <OrgSearchSelect
            initialLabel={units.find((u) => u.id === initial?.unitId)?.name}
            placeholder="输入单位名称搜索"
          />
        </Form.Item>
        <Form.Item
          name="until"
          label="延长至（当天 24 时截止，北京时间）"
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker style={{ width: '100%' }} format={DATE_INPUT_FORMAT} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="延期原因"
          rules={[
            { required: true, whitespace: true, message: '请填写延期原因' },
            { max: 500, message: '延期原因不能超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="例如：单位网络故障，视频未能按时上传" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
