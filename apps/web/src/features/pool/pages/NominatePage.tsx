import { useState } from 'react';
import { App, Button, Card, Form, Input, Select } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import type { SpeakerNominate } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { useMembers } from '../../org/api.ts';
import { usePool, usePoolMutations } from '../api.ts';
import { SpeakerFields } from '../components/SpeakerFields.tsx';

/** 推荐入库: a unit admin puts forward one of their members, with the reason; the pool's managers decide. */
export default function NominatePage() {
  const { id = '' } = useParams();
  const { data: pool, error, isPending, refetch } = usePool(id, { status: 'nominated' });
  const [form] = Form.useForm<SpeakerNominate>();
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim(), 300);
  const members = useMembers({ q: term, page: 1, pageSize: 20 }, term.length > 0);
  const m = usePoolMutations();
  const { message } = App.useApp();
  const navigate = useNavigate();
  if (isPending) return <BlockLoading rows={6} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const s = await m.nominate.mutateAsync({ ...v, poolId: id });
      message.success(`已推荐 ${s.name}，等待${pool.org.name}审核`);
      void navigate(`/pool-speakers/${s.id}`);
    } catch (e) {
      if (applyIssues(form, e).length > 0 || !form.getFieldsError().some((f) => f.errors.length > 0))
        message.error(errorText(e));
    }
  };
  return (
    <>
      <PageHeader title="推荐入库" sub={pool.name} />
      <Card size="small" style={{ maxWidth: 640 }}>
        <Form form={form} layout="vertical" onFinish={() => void submit()}>
          <Form.Item
            name="memberId"
            label="推荐的党员"
            rules={[{ required: true, message: '请选择本单位的党员' }]}
          >
            <Select
              showSearch
              filterOption={false}
              onSearch={setQ}
              placeholder="输入姓名搜索本单位党员"
              notFoundContent={term ? (members.isFetching ? '搜索中…' : '没有找到') : '输入姓名搜索'}
              options={(members.data?.items ?? []).map((x) => ({
                value: x.id,
                label: `${x.name}（${x.orgName}）`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label="推荐理由"
            rules={[{ required: true, min: 5, max: 500, message: '请写明推荐理由（5–500 个字）' }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount placeholder="宣讲经历、获奖情况、群众评价等" />
          </Form.Item>
          <Form.Item name="unitTitle" label="单位及职务" extra="不填则按党员所在组织和职务填写">
            <Input maxLength={80} />
          </Form.Item>
          <SpeakerFields />
          <Button type="primary" htmlType="submit" loading={m.nominate.isPending} block>
            提交推荐
          </Button>
        </Form>
      </Card>
    </>
  );
}
