import { Grid, Steps, Tag } from 'antd';
import { stageStateLabels, type CampaignTimelineItem } from '@jiangtai/contracts';
import { formatDate, formatDateRange } from '../../../lib/format.ts';

const stepStatus = { done: 'finish', current: 'process', upcoming: 'wait' } as const;

/** The season's stages with today's stage highlighted (dates are Beijing calendar days). */
export function CampaignTimeline({ timeline }: { timeline: CampaignTimelineItem[] }) {
  const screens = Grid.useBreakpoint();
  const vertical = !screens.lg || timeline.length > 5;
  // The step shown as active: today's stage; otherwise the next one to come (none once all are done).
  const now = timeline.findIndex((t) => t.state === 'current');
  const current = now !== -1 ? now : timeline.filter((t) => t.state === 'done').length;
  return (
    <div data-testid="campaign-timeline">
      <Steps
        orientation={vertical ? 'vertical' : 'horizontal'}
        size="small"
        current={current}
        items={timeline.map((t) => ({
          key: t.key,
          status: stepStatus[t.state],
          title: (
            <span aria-current={t.state === 'current' ? 'step' : undefined}>
              {t.name}
              {t.state === 'current' && (
                <Tag color="red" style={{ marginInlineStart: 6 }}>
                  {stageStateLabels.current}
                </Tag>
              )}
            </span>
          ),
          content: (
            <>
              <div>{formatDateRange(t.startsOn, t.endsOn)}</div>
              {t.submissionDeadline && <div>材料报送截止：{formatDate(t.submissionDeadline)}</div>}
            </>
          ),
        }))}
      />
    </div>
  );
}
