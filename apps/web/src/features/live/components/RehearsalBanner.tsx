import { Alert } from 'antd';

/** Every live page of a rehearsal says so: its scores are rehearsal data and will be discarded. */
export function RehearsalBanner() {
  return (
    <Alert
      type="warning"
      showIcon
      banner
      message="彩排：本场为彩排，评分和成绩均为演练数据，重置后清除，不影响正式成绩"
      style={{ marginBottom: 12 }}
      data-testid="rehearsal-banner"
    />
  );
}
