import type { ReactNode } from 'react';
import { Button, Card, Flex, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { DATE_INPUT_FORMAT } from '../../../lib/format.ts';

/** Settings keep dates as "YYYY-MM-DD"; the DatePicker works with dayjs. */
export const dateItemProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null),
};

/** A fresh stable code for a new list item (letters, digits, underscore; starts with a letter). */
export function newKey(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export const DATE_FORMAT = DATE_INPUT_FORMAT;

export function Section({
  id,
  title,
  extra,
  children,
}: {
  id: string;
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card size="small" id={id} title={title} extra={extra} style={{ marginBottom: 12, scrollMarginTop: 72 }}>
      {children}
    </Card>
  );
}

/** One item of a Form.List with move and delete buttons. */
export function ItemCard({
  title,
  index,
  count,
  onMove,
  onRemove,
  removeLabel,
  children,
}: {
  title: ReactNode;
  index: number;
  count: number;
  onMove?: (from: number, to: number) => void;
  onRemove: () => void;
  removeLabel: string;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      type="inner"
      title={title}
      style={{ marginBottom: 12 }}
      extra={
        <Flex gap={4}>
          {onMove && (
            <>
              <Tooltip title="上移">
                <Button
                  size="small"
                  type="text"
                  aria-label="上移"
                  icon={<ArrowUpOutlined />}
                  disabled={index === 0}
                  onClick={() => onMove(index, index - 1)}
                />
              </Tooltip>
              <Tooltip title="下移">
                <Button
                  size="small"
                  type="text"
                  aria-label="下移"
                  icon={<ArrowDownOutlined />}
                  disabled={index === count - 1}
                  onClick={() => onMove(index, index + 1)}
                />
              </Tooltip>
            </>
          )}
          <Tooltip title={removeLabel}>
            <Button
              size="small"
              type="text"
              danger
              aria-label={removeLabel}
              icon={<DeleteOutlined />}
              onClick={onRemove}
            />
          </Tooltip>
        </Flex>
      }
    >
      {children}
    </Card>
  );
}

/** Two or three fields side by side on wide screens, one column on a phone. */
export function FieldGrid({ children, min = 200 }: { children: ReactNode; min?: number }) {
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(auto-fill, minmax(min(${min}px, 100%), 1fr))`,
        columnGap: 12,
      }}
    >
      {children}
    </div>
  );
}
