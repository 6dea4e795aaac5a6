import { Timeline, Typography } from 'antd';
import { entryStateLabels } from '@jiangtai/contracts';
import { formatDateTime } from '../../../lib/format.ts';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { useEntryEvents } from '../api.ts';

/** Every change of state with who and when (and the reason of a return). */
export function EventTimeline({ entryId }: { entryId: string }) {
  const { data, error, isPending, refetch } = useEntryEvents(entryId);
  if (isPending) return <BlockLoading rows={3} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data.items.length) return <EmptyState text="还没有记录" />;
  return (
    <Timeline
      items={data.items.map((e) => ({
        key: e.id,
        content: (
          <>
            <div>
              {e.fromState ? `${entryStateLabels[e.fromState]} → ` : '新建为'}
              <strong>{entryStateLabels[e.toState]}</strong>
            </div>
            <Typography.Text type="secondary">
              {formatDateTime(e.at)} · {e.actorName ?? '系统'}
            </Typography.Text>
            {e.reason && <div>原因：{e.reason}</div>}
          </>
        ),
      }))}
    />
  );
}
