import { Form, Input } from 'antd';

/**
 * The fields every 公示 objection asks for (review results and the 表彰名单): what is wrong, and who
 * to answer. The rules are the server's (contracts `objectionCreateSchema`), checked here first.
 */
export function ObjectionFields({
  contentPlaceholder,
  phoneLabel = '联系电话',
}: {
  contentPlaceholder: string;
  phoneLabel?: string;
}) {
  return (
    <>
      <Form.Item
        name="content"
        label="异议内容"
        rules={[
          { required: true, whitespace: true, message: '请填写异议内容' },
          { min: 5, message: '异议内容至少 5 个字' },
          { max: 2000, message: '异议内容不能超过 2000 个字' },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={contentPlaceholder} />
      </Form.Item>
      <Form.Item
        name="contactName"
        label="联系人"
        rules={[
          { required: true, whitespace: true, message: '请填写联系人' },
          { max: 30, message: '联系人不能超过 30 个字' },
        ]}
      >
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={phoneLabel}
        rules={[
          { required: true, whitespace: true, message: '请填写联系电话' },
          { pattern: /^\s*[\d-]{7,20}\s*$/, message: '联系电话应为 7–20 位数字' },
        ]}
      >
        <Input inputMode="tel" autoComplete="tel" />
      </Form.Item>
    </>
  );
}
