import type { PoolSpeakerStatus } from '@jiangtai/contracts';

export const speakerStatusColors: Record<PoolSpeakerStatus, string> = {
  nominated: 'gold',
  active: 'green',
  declined: 'default',
  left: 'default',
  retired: 'default',
};
