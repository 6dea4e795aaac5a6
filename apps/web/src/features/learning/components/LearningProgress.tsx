import { Alert, Flex, Progress, Tag, Typography } from 'antd';
import { formatDuration } from '../../../lib/format.ts';
import type { LearningReporterState } from '../useLearningReporter.ts';

/** The member's progress on a lecture under the player, with the counting rule in one sentence. */
export function LearningProgress({ state }: { state: LearningReporterState }) {
  return (
    <div data-testid="learning-progress">
      <Flex align="center" gap={8} wrap="wrap">
        <Typography.Text strong>学习进度</Typography.Text>
        {state.completed ? <Tag color="success">已学完</Tag> : <Tag>未学完</Tag>}
        <Typography.Text type="secondary">
          已看 {formatDuration(state.watchedSeconds)}
          {state.durationSeconds > 0 && ` / ${formatDuration(state.durationSeconds)}`}
        </Typography.Text>
      </Flex>
      <Progress percent={state.percent} status={state.completed ? 'success' : 'normal'} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {state.rule}
      </Typography.Text>
      {state.message && (
        <Alert
          style={{ marginTop: 8 }}
          type={state.superseded ? 'warning' : 'info'}
          showIcon
          message={state.message}
        />
      )}
    </div>
  );
}
