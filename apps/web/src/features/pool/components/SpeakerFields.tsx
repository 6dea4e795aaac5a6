import { Checkbox, Form, Input, Select } from 'antd';
import { audienceTypeLabels, audienceTypes } from '@jiangtai/contracts';

/** 宣讲专长、适合对象、简介、可宣讲时间: the details shared by the add, nominate and edit forms. */
export function SpeakerFields() {
  return (
    <>
      <Form.Item
        name="specialties"
        label="宣讲专长"
        extra="输入后按回车，可填多项（如 党的创新理论、乡村振兴）"
      >
        <Select
          mode="tags"
          tokenSeparators={[',', '，', '、']}
          maxCount={10}
          open={false}
          placeholder="例如：乡村振兴"
        />
      </Form.Item>
      <Form.Item name="audiences" label="适合对象">
        <Checkbox.Group options={audienceTypes.map((a) => ({ value: a, label: audienceTypeLabels[a] }))} />
      </Form.Item>
      <Form.Item name="bio" label="简介" rules={[{ max: 1000, message: '简介不能超过 1000 个字' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      <Form.Item name="availability" label="可宣讲时间" rules={[{ max: 200, message: '不能超过 200 个字' }]}>
        <Input placeholder="例如：每周三下午、节假日" maxLength={200} />
      </Form.Item>
    </>
  );
}
