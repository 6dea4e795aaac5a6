import { useState } from 'react';
import { Button, Flex, List, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { ReasonModal } from '../../reviews/components/ReasonModal.tsx';
import type { AwardFlag } from '../api.ts';

/**
 * The organiser orders a tied group that straddles a tier boundary (best first) and writes why; the
 * tiers then follow that order. Up/down buttons work on a phone where dragging does not.
 */
export function TieModal({
  flag,
  nameOf,
  onClose,
  onSubmit,
}: {
  flag: AwardFlag;
  nameOf: (id: string) => string;
  onClose: () => void;
  onSubmit: (order: string[], reason: string) => Promise<unknown>;
}) {
  const [order, setOrder] = useState(flag.ids);
  const move = (i: number, by: -1 | 1) =>
    setOrder((o) => {
      const next = [...o];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  return (
    <ReasonModal
      open
      title="裁定同分先后"
      okText="保存裁定"
      label="裁定理由"
      placeholder="例如：经评审委员会合议，依据现场表现排定先后"
      successText="已保存裁定"
      onClose={onClose}
      onSubmit={(reason) => onSubmit(order, reason)}
      description={
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{flag.message}</Typography.Text>
          <Typography.Text>请按从高到低排列（第 {flag.from} 位在最上）：</Typography.Text>
          <List
            size="small"
            bordered
            dataSource={order}
            renderItem={(id, i) => (
              <List.Item
                key={id}
                actions={[
                  <Button
                    key="up"
                    size="small"
                    icon={<ArrowUpOutlined />}
                    aria-label="上移"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  />,
                  <Button
                    key="down"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label="下移"
                    disabled={i === order.length - 1}
                    onClick={() => move(i, 1)}
                  />,
                ]}
              >
                第 {flag.from + i} 位：{nameOf(id)}
              </List.Item>
            )}
          />
        </Flex>
      }
    />
  );
}
