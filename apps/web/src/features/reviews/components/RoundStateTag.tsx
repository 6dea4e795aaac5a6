import { Tag } from 'antd';
import { roundStateLabels, type RoundState } from '@jiangtai/contracts';

export const roundStateColors: Record<RoundState, string> = {
  open: 'processing',
  closed: 'warning',
  confirmed: 'cyan',
  publicised: 'purple',
  final: 'success',
};

export function RoundStateTag({ state }: { state: RoundState }) {
  return <Tag color={roundStateColors[state]}>{roundStateLabels[state]}</Tag>;
}
