import { InputNumber } from 'antd';

/** Whole years to move every date of a copied campaign by (0 = unchanged). */
export function ShiftYearsInput({
  value,
  onChange,
  width = 140,
}: {
  value: number;
  onChange: (years: number) => void;
  width?: number;
}) {
  return (
    <InputNumber
      aria-label="日期平移年数"
      value={value}
      onChange={(v) => onChange(v ?? 0)}
      min={-50}
      max={50}
      precision={0}
      suffix="年"
      style={{ width }}
    />
  );
}
