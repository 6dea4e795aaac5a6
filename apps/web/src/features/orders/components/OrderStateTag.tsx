import { Tag } from 'antd';
import { orderStateLabels, type OrderState } from '@jiangtai/contracts';

const colors: Record<OrderState, string> = {
  ordered: 'gold',
  dispatched: 'blue',
  declined: 'volcano',
  accepted: 'cyan',
  delivered: 'purple',
  rated: 'green',
  cancelled: 'default',
};

export function OrderStateTag({ state, overdue }: { state: OrderState; overdue?: boolean }) {
  return (
    <>
      <Tag color={colors[state]}>{orderStateLabels[state]}</Tag>
      {overdue && <Tag color="red">逾期未答复</Tag>}
    </>
  );
}
