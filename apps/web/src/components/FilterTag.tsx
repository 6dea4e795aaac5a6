import { Tag } from 'antd';

/**
 * A filter that came in with the page's address (a dashboard number opens a narrowed list): shown as
 * 「范围：某某单位」 so the shorter list explains itself, and closable to see the whole list again.
 */
export function FilterTag({
  label,
  value,
  onClear,
  testId,
}: {
  label: string;
  value: string | undefined;
  onClear: () => void;
  testId?: string;
}) {
  return (
    <Tag
      color="blue"
      closable
      onClose={(e) => {
        // The tag goes when the address loses its filter, not by antd hiding it.
        e.preventDefault();
        onClear();
      }}
      data-testid={testId}
      style={{ marginInlineEnd: 0 }}
    >
      {label}：{value ?? '…'}
    </Tag>
  );
}
