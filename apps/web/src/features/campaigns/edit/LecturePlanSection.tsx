import { DatePicker, Form, Radio, Typography } from 'antd';
import type { LecturePlanSettings } from '@jiangtai/contracts';
import { DATE_FORMAT, dateItemProps, Section } from './fields.tsx';

type Mode = 'none' | 'optional' | 'required';

const modeOf = (p: LecturePlanSettings | null | undefined): Mode =>
  !p ? 'none' : p.required ? 'required' : 'optional';

/**
 * 宣讲计划: whether each participating branch files a plan of its lectures, and by when. 不设置 keeps
 * plans possible but not asked for (like campaigns saved before this setting existed).
 */
export function LecturePlanSection() {
  const form = Form.useFormInstance();
  const plan = Form.useWatch<LecturePlanSettings | null | undefined>('lecturePlan', { preserve: true });
  const mode = modeOf(plan);
  const setMode = (m: Mode) => {
    const dueOn = plan?.dueOn ?? null;
    form.setFieldValue('lecturePlan', m === 'none' ? null : { required: m === 'required', dueOn });
  };
  return (
    <Section id="lecture-plan" title="支部宣讲计划">
      <Form.Item label="各支部是否填报宣讲计划">
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value as Mode)}
          options={[
            { value: 'required', label: '必须填报' },
            { value: 'optional', label: '可自愿填报' },
            { value: 'none', label: '不设置' },
          ]}
          aria-label="各支部是否填报宣讲计划"
        />
      </Form.Item>
      {mode !== 'none' && (
        <Form.Item
          label="计划截止日期"
          name={['lecturePlan', 'dueOn']}
          extra="选填；截止日当天 24 时（北京时间）后仍未提交的支部计为逾期（仅在「必须填报」时）"
          {...dateItemProps}
        >
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%', maxWidth: 240 }}
            aria-label="宣讲计划截止日期"
          />
        </Form.Item>
      )}
      {mode === 'none' && (
        <Typography.Text type="secondary">不要求支部填报；支部仍可自行填写宣讲计划。</Typography.Text>
      )}
    </Section>
  );
}
