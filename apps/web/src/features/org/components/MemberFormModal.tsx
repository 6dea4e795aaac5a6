import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  genderLabels,
  genders,
  partyStatusLabels,
  partyStatuses,
  positions,
  type Gender,
  type PartyStatus,
  type Position,
} from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { useMemberMutations, type MemberDetail } from '../api.ts';
import { DATE_INPUT_FORMAT } from '../../../lib/format.ts';

interface Values {
  orgId: string;
  name: string;
  gender: Gender;
  phone?: string;
  partyStatus: PartyStatus;
  positions: Position[];
  joinedOn?: Dayjs | null;
}

/** Add a member to `org`, or edit `member`. */
export function MemberFormModal({
  open,
  org,
  member,
  onClose,
  onSaved,
}: {
  open: boolean;
  org?: { id: string; name: string };
  member?: MemberDetail;
  onClose: () => void;
  onSaved?: (m: MemberDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { create, update } = useMemberMutations();
  const { message } = App.useApp();
  const [summary, setSummary] = useState<string | null>(null);

  const onFinish = async (v: Values) => {
    setSummary(null);
    const body = {
      name: v.name.trim(),
      gender: v.gender,
      phone: v.phone?.trim() ? v.phone.trim() : null,
      partyStatus: v.partyStatus,
      positions: v.positions ?? [],
      joinedOn: v.joinedOn ? v.joinedOn.format('YYYY-MM-DD') : null,
    };
    try {
      const saved = member
        ? await update.mutateAsync({ id: member.id, ...body })
        : await create.mutateAsync({ ...body, orgId: v.orgId });
      message.success(member ? '党员信息已保存' : `已添加党员「${saved.name}」`);
      onSaved?.(saved);
      onClose();
    } catch (err) {
      const unmatched = applyIssues(form, err, [
        'orgId',
        'name',
        'gender',
        'phone',
        'partyStatus',
        'positions',
        'joinedOn',
      ]);
      if (!(err instanceof ApiError) || err.issues.length === 0 || unmatched.length > 0)
        setSummary(errorText(err));
    }
  };

  const initialValues: Partial<Values> = member
    ? {
        orgId: member.orgId,
        name: member.name,
        gender: member.gender,
        phone: member.phone ?? '',
        partyStatus: member.partyStatus,
        positions: member.positions as Position[],
        joinedOn: member.joinedOn ? dayjs(member.joinedOn) : null,
      }
    : { orgId: org?.id, gender: 'male', partyStatus: 'full', positions: ['党员'] };

  return (
    <Modal
      open={open}
      title={member ? `编辑党员「${member.name}」` : '添加党员'}
      okText="保存"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {summary && <Alert type="error" showIcon title={summary} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={initialValues}>
        {!member && (
          <Form.Item
            label="所在党组织"
            name="orgId"
            rules={[{ required: true, message: '请选择所在党组织' }]}
          >
            <OrgSearchSelect initialLabel={org?.name} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item
          label="姓名"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名不能超过 50 字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="性别" name="gender" rules={[{ required: true, message: '请选择性别' }]}>
          <Radio.Group options={genders.map((g) => ({ value: g, label: genderLabels[g] }))} />
        </Form.Item>
        <Form.Item
          label="手机号"
          name="phone"
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: '手机号应为 11 位数字，以 1 开头' }]}
        >
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Form.Item
          label="党员状态"
          name="partyStatus"
          rules={[{ required: true, message: '请选择党员状态' }]}
        >
          <Radio.Group options={partyStatuses.map((s) => ({ value: s, label: partyStatusLabels[s] }))} />
        </Form.Item>
        <Form.Item label="职务" name="positions">
          <Select
            mode="multiple"
            allowClear
            placeholder="无职务可不选"
            options={positions.map((p) => ({ value: p, label: p }))}
          />
        </Form.Item>
        <Form.Item label="入党日期" name="joinedOn">
          <DatePicker
            style={{ width: '100%' }}
            format={DATE_INPUT_FORMAT}
            disabledDate={(d) => d.isAfter(dayjs())}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
