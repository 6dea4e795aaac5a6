import { InputNumber, Space, Typography } from 'antd';
import { formatSeconds } from '@jiangtai/contracts';

/** A duration in seconds with its reading in minutes beside it ("= 8分钟"). */
export function SecondsInput({
  value,
  onChange,
  id,
  max = 7200,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
  max?: number;
}) {
  return (
    <Space size={8} wrap>
      <InputNumber
        id={id}
        value={value}
        onChange={(v) => onChange?.(v)}
        min={0}
        max={max}
        precision={0}
        suffix="秒"
        style={{ width: 130 }}
      />
      {typeof value === 'number' && value > 0 && (
        <Typography.Text type="secondary">= {formatSeconds(value)}</Typography.Text>
      )}
    </Space>
  );
}

/** A number field that may be left empty (null = not set). */
export function OptionalNumber({
  value,
  onChange,
  id,
  min = 0,
  max,
  step,
  precision,
  suffix,
  placeholder,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
  min?: number;
  max?: number;
  step?: number;
  precision?: number;
  suffix?: string;
  placeholder?: string;
}) {
  return (
    <InputNumber
      id={id}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      min={min}
      max={max}
      step={step}
      precision={precision}
      suffix={suffix}
      placeholder={placeholder}
      style={{ width: '100%' }}
    />
  );
}
