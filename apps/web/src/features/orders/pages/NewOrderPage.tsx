import { App, Button, Card, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { audienceTypeLabels, audienceTypes, type OrderCreate } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useCreateOrder, useMenu, useOrderBranches } from '../api.ts';

interface Values extends Omit<OrderCreate, 'preferredDates' | 'poolId' | 'menuItemId'> {
  date1: string;
  date2?: string;
  date3?: string;
}

/** 点单: a menu item (or a free topic), the audience, 1–3 preferred dates, place, size and contact. */
export default function NewOrderPage() {
  const [params] = useSearchParams();
  const poolId = params.get('poolId') ?? undefined;
  const itemId = params.get('itemId') ?? undefined;
  const branches = useOrderBranches();
  const menu = useMenu(poolId, {});
  const create = useCreateOrder();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const item = menu.data?.items.find((i) => i.id === itemId);

  if (!poolId) return <EmptyState text="请先在宣讲菜单中选择" />;
  if (branches.isPending || menu.isPending) return <BlockLoading />;
  if (branches.error || menu.error)
    return <ErrorState error={branches.error ?? menu.error} onRetry={() => void menu.refetch()} />;
  if (branches.data.items.length === 0) return <EmptyState text="只有支部书记、副书记或单位管理员可以点单" />;

  async function submit(v: Values) {
    const { date1, date2, date3, ...rest } = v;
    try {
      const order = await create.mutateAsync({
        ...rest,
        poolId: poolId!,
        menuItemId: itemId,
        topic: rest.topic || undefined,
        preferredDates: [date1, date2, date3].filter((d): d is string => !!d),
        note: rest.note ?? '',
      });
      void message.success('已点单，等待派单');
      void navigate(`/orders/${order.id}`);
    } catch (e) {
      if (!(e instanceof ApiError && applyIssues(form, e))) void message.error(errorText(e));
    }
  }

  return (
    <>
      <PageHeader title="点单" sub={menu.data.pool.name} />
      <Card size="small">
        {item && (
          <Typography.Paragraph>
            <Typography.Text strong>{item.title}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              宣讲人：{item.speakers.map((s) => s.name).join('、')} · {item.durationMinutes} 分钟
            </Typography.Text>
          </Typography.Paragraph>
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            orgId: branches.data.items[0]?.id,
            audience: item?.audiences[0],
            audienceSize: 30,
          }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="orgId" label="点单支部" rules={[{ required: true, message: '请选择支部' }]}>
            <Select options={branches.data.items.map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
          {!item && (
            <Form.Item
              name="topic"
              label="想听的主题"
              rules={[{ required: true, whitespace: true, message: '请填写想听的主题' }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          )}
          <Form.Item name="audience" label="听众类型" rules={[{ required: true, message: '请选择听众类型' }]}>
            <Select options={audienceTypes.map((a) => ({ value: a, label: audienceTypeLabels[a] }))} />
          </Form.Item>
          <Form.Item
            name="date1"
            label="希望的日期"
            rules={[{ required: true, message: '请选择至少一个日期' }]}
          >
            <Input type="date" aria-label="希望的日期一" />
          </Form.Item>
          <Form.Item name="date2" label="备选日期（可选）">
            <Input type="date" aria-label="希望的日期二" />
          </Form.Item>
          <Form.Item name="date3" label="备选日期（可选）">
            <Input type="date" aria-label="希望的日期三" />
          </Form.Item>
          <Form.Item
            name="place"
            label="宣讲地点"
            rules={[{ required: true, whitespace: true, message: '请填写宣讲地点' }]}
          >
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item
            name="audienceSize"
            label="预计听众人数"
            rules={[{ required: true, message: '请填写人数' }]}
          >
            <InputNumber min={1} max={100000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="contactName"
            label="联系人"
            rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}
          >
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            rules={[{ required: true, message: '请填写联系电话' }]}
          >
            <Input inputMode="tel" maxLength={11} />
          </Form.Item>
          <Form.Item name="note" label="备注（可选）">
            <Input.TextArea rows={2} maxLength={300} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={create.isPending}>
            提交点单
          </Button>
        </Form>
      </Card>
    </>
  );
}
