import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { orgTypeLabels, orgTypes, type OrgType } from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useOrgMutations, type OrgDetail } from '../api.ts';

interface Values {
  name: string;
  type: OrgType;
  code?: string;
  sortOrder?: number;
}

/** Add a child under `parent`, or edit `org`. */
export function OrgFormModal({
  open,
  parent,
  org,
  onClose,
  onSaved,
}: {
  open: boolean;
  parent?: OrgDetail;
  org?: OrgDetail;
  onClose: () => void;
  onSaved: (saved: OrgDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { create, update } = useOrgMutations();
  const { message } = App.useApp();
  const [summary, setSummary] = useState<string | null>(null);
  const editing = !!org;

  const onFinish = async (v: Values) => {
    setSummary(null);
    const body = {
      name: v.name.trim(),
      type: v.type,
      code: v.code?.trim() || undefined,
      sortOrder: v.sortOrder ?? 0,
    };
    try {
      const saved = org
        ? await update.mutateAsync({ id: org.id, ...body })
        : await create.mutateAsync({ ...body, parentId: parent?.id });
      message.success(editing ? '组织信息已保存' : `已添加「${saved.name}」`);
      onSaved(saved);
      onClose();
    } catch (err) {
      const unmatched = applyIssues(form, err, ['name', 'type', 'code', 'sortOrder']);
      if (!(err instanceof ApiError) || err.issues.length === 0 || unmatched.length > 0)
        setSummary(errorText(err));
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? `编辑「${org.name}」` : `在「${parent?.name ?? ''}」下添加下级组织`}
      okText="保存"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {summary && <Alert type="error" showIcon title={summary} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={onFinish}
        initialValues={
          org
            ? { name: org.name, type: org.type, code: org.code ?? '', sortOrder: org.sortOrder }
            : { type: 'branch', sortOrder: 0 }
        }
      >
        <Form.Item
          label="组织名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入组织名称' },
            { max: 100, message: '名称不能超过 100 字' },
          ]}
        >
          <Input placeholder="如：第一党支部" />
        </Form.Item>
        <Form.Item label="组织类型" name="type" rules={[{ required: true, message: '请选择组织类型' }]}>
          <Select options={orgTypes.map((t) => ({ value: t, label: orgTypeLabels[t] }))} />
        </Form.Item>
        <Form.Item
          label="组织编码"
          name="code"
          extra={
            editing ? '用于 Excel 导入时匹配同一组织；设置后不能清空' : '选填；用于 Excel 导入时匹配同一组织'
          }
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="排序号" name="sortOrder" extra="数字越小越靠前">
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
