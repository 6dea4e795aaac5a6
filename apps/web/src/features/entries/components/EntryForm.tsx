import { App, Button, Flex, Form, Input, Select } from 'antd';
import type { EntryDetail } from '@jiangtai/contracts';
import { applyIssues } from '../../../lib/forms.ts';
import { errorText } from '../../../lib/api.ts';
import { useEntryMutations } from '../api.ts';

interface Values {
  title: string;
  categoryKey: string;
  outline: string;
}

/** Title, category and 讲稿提纲 of an entry in draft or returned state. */
export function EntryForm({ entry, onDone }: { entry: EntryDetail; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { update } = useEntryMutations();
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ title: entry.title, categoryKey: entry.categoryKey, outline: entry.outline }}
      onFinish={(values) =>
        update.mutate(
          { id: entry.id, ...values },
          {
            onSuccess: () => {
              void message.success('已保存');
              onDone();
            },
            onError: (e) => {
              if (!applyIssues(form, e).length) void message.error(errorText(e));
            },
          },
        )
      }
    >
      <EntryFields categories={entry.categories} />
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          保存
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Flex>
    </Form>
  );
}

/** The fields shared by the new-entry page and the edit form. */
export function EntryFields({ categories }: { categories: { key: string; name: string }[] }) {
  return (
    <>
      <Form.Item
        name="title"
        label="作品标题"
        rules={[
          { required: true, whitespace: true, message: '请填写作品标题' },
          { max: 60, message: '作品标题不能超过 60 个字' },
        ]}
      >
        <Input placeholder="例如：把支部建在连上" maxLength={60} />
      </Form.Item>
      <Form.Item name="categoryKey" label="宣讲类别" rules={[{ required: true, message: '请选择宣讲类别' }]}>
        <Select placeholder="请选择" options={categories.map((c) => ({ value: c.key, label: c.name }))} />
      </Form.Item>
      <Form.Item
        name="outline"
        label="讲稿提纲"
        extra="将填入推荐表的“微宣讲讲稿提纲”一栏，每行一点。"
        rules={[{ max: 2000, message: '讲稿提纲不能超过 2000 个字' }]}
      >
        <Input.TextArea rows={6} placeholder={'一、……\n二、……\n三、……'} />
      </Form.Item>
    </>
  );
}
