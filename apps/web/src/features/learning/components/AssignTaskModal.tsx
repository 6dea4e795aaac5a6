import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { beijingDate } from '@jiangtai/contracts';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { errorText } from '../../../lib/api.ts';
import { formatDuration } from '../../../lib/format.ts';
import { useAssignableLectures, useCreateTask } from '../api.ts';

interface Values {
  orgId?: string;
  title: string;
  note?: string;
  dueOn?: Dayjs;
  lectureIds: string[];
}

/** 下达学习任务: an org of the admin's, published lectures open to its whole subtree, a due date. */
export function AssignTaskModal({
  open,
  onClose,
  defaultOrg,
}: {
  open: boolean;
  onClose: () => void;
  defaultOrg?: { id: string; name: string };
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form) ?? defaultOrg?.id;
  const [q, setQ] = useState('');
  const lectures = useAssignableLectures(orgId, q);
  const create = useCreateTask();
  const submit = async (v: Values) => {
    try {
      await create.mutateAsync({
        orgId: v.orgId ?? defaultOrg!.id,
        title: v.title,
        note: v.note ?? '',
        dueOn: v.dueOn!.format('YYYY-MM-DD'),
        lectureIds: v.lectureIds,
      });
      message.success('学习任务已下达');
      form.resetFields();
      onClose();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Modal
      open={open}
      title="下达学习任务"
      okText="下达"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ orgId: defaultOrg?.id }}
      >
        <Form.Item
          name="orgId"
          label="下达给（本组织及下级全体党员）"
          rules={[{ required: true, message: '请选择组织' }]}
        >
          <OrgSearchSelect
            initialLabel={defaultOrg?.name}
            onChange={(v) => form.setFieldsValue({ orgId: v, lectureIds: [] })}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="任务名称"
          rules={[{ required: true, whitespace: true, message: '请填写任务名称' }, { max: 100 }]}
        >
          <Input placeholder="例如：学习党的创新理论微党课" />
        </Form.Item>
        <Form.Item
          name="lectureIds"
          label="微课（已发布、该组织全体党员可看的）"
          rules={[{ required: true, message: '请至少选择一节微课' }]}
        >
          <Select
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder="输入标题搜索微课"
            loading={lectures.isFetching}
            notFoundContent={lectures.isFetching ? '搜索中…' : '没有可布置的微课'}
            options={(lectures.data ?? []).map((l) => ({
              value: l.id,
              label: `${l.title}（${l.speakerName}，${formatDuration(l.durationSeconds)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="dueOn" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.format('YYYY-MM-DD') < beijingDate(new Date())}
          />
        </Form.Item>
        <Form.Item name="note" label="说明（选填）" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
