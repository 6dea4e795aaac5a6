import { Tag } from 'antd';
import { entryStateLabels, type EntryState } from '@jiangtai/contracts';

const colors: Record<EntryState, string> = {
  draft: 'default',
  submitted: 'processing',
  recommended: 'success',
  returned: 'warning',
  withdrawn: 'default',
};

export function EntryStateTag({ state }: { state: EntryState }) {
  return (
    <Tag color={colors[state]} data-testid="entry-state" style={{ marginInlineEnd: 0 }}>
      {entryStateLabels[state]}
    </Tag>
  );
}
