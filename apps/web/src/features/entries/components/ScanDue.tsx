import { Alert } from 'antd';
import type { EntryDetail } from '@jiangtai/contracts';
import { formatDeadline } from '../api.ts';

/**
 * When the stamped 推荐表 is due, said where the entry is read: from the entry's creation until the
 * unit recommends it, and no later than the stage's deadline for the unit. Nothing when the campaign
 * does not ask for it or the entry is withdrawn.
 */
export function ScanDue({ entry }: { entry: EntryDetail }) {
  const requirement = entry.materialRequirements.recommendationForm;
  if (requirement === 'unused' || entry.state === 'withdrawn') return null;
  const has = entry.materials.some((m) => m.material === 'recommendation_scan' && m.current);
  const deadline = formatDeadline(entry.deadline);
  const unitAdmin = entry.can.recommendationForm;
  const steps = unitAdmin
    ? '在下方「推荐表」栏下载推荐表（Word），打印、核对、盖章后扫描或拍照上传（PDF/JPG/PNG）'
    : `由${entry.unitName}的单位管理员下载推荐表，盖章后扫描上传`;
  if (has)
    return (
      <Alert
        data-testid="scan-due"
        type="success"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          entry.state === 'recommended'
            ? '推荐表已上传，作品已推荐'
            : `推荐表已上传${unitAdmin && entry.state === 'submitted' ? '，可以推荐' : ''}；如需更换，可在 ${deadline} 前重新上传`
        }
      />
    );
  if (requirement === 'optional')
    return (
      <Alert
        data-testid="scan-due"
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={`本活动推荐表为选交：如需报送，请在 ${deadline} 前${steps}。`}
      />
    );
  const late = entry.stageDeadlinePassed;
  const when =
    entry.state === 'recommended'
      ? '作品已推荐，但还缺盖章的推荐表，材料不全'
      : '推荐表为必交材料：单位推荐作品前必须上传，未上传不能推荐';
  return (
    <Alert
      data-testid="scan-due"
      type={entry.state === 'recommended' || late ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      title={`${when}；截止时间 ${deadline}（本阶段报送截止）。`}
      description={
        late
          ? '报送已截止，如需补交请联系活动组织者为本单位延长截止时间。'
          : `作品创建后即可上传，不必等到提交：${steps}。`
      }
    />
  );
}
