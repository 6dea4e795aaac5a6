import { Form, Input, Radio, Select } from 'antd';
import { classroomVisibilities, classroomVisibilityLabels } from '@jiangtai/contracts';

/** The lecture's editable facts, shared by 推荐到微课堂 and 修改信息. */
export function LectureFields({ visibilityLocked }: { visibilityLocked?: boolean }) {
  return (
    <>
      <Form.Item name="title" label="课程标题" rules={[{ required: true, message: '请填写课程标题' }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="category" label="类别">
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="tags" label="主题标签" extra="输入后按回车，最多 8 个">
        <Select
          mode="tags"
          aria-label="主题标签"
          open={false}
          maxCount={8}
          tokenSeparators={[',', '，', ' ']}
        />
      </Form.Item>
      <Form.Item name="summary" label="内容简介">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Form.Item
        name="visibility"
        label="发布范围"
        rules={[{ required: true, message: '请选择发布范围' }]}
        extra={visibilityLocked ? '宣讲人已按平台内发布答复，不能改为公开' : undefined}
      >
        <Radio.Group>
          {classroomVisibilities.map((v) => (
            <Radio
              key={v}
              value={v}
              disabled={visibilityLocked && v === 'public'}
              style={{ display: 'flex' }}
            >
              {classroomVisibilityLabels[v]}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
    </>
  );
}
