import { useCallback, useEffect } from 'react';
import { App, Button, Flex, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { PoolSpeakerDetail } from '@jiangtai/contracts';
import { PhotoPicker, photoPrecheck } from '../../../components/uploads/PhotoPicker.tsx';
import { useTusUploads } from '../../../components/uploads/useTusUploads.ts';
import { apiDelete } from '../../../lib/api.ts';
import { poolKeys } from '../api.ts';
import { SpeakerAvatar } from './SpeakerAvatar.tsx';

interface Answer {
  speakerId: string;
  photo: { url: string; thumbUrl: string } | null;
}

/**
 * The speaker's photo in the edit form: chosen on the phone or computer, uploaded with its progress
 * (purpose speaker-photo) and set at once; 删除照片 takes it away. Both show on the pool's pages.
 */
export function SpeakerPhotoField({ s }: { s: PoolSpeakerDetail }) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const refresh = useCallback(() => qc.invalidateQueries({ queryKey: poolKeys.all }), [qc]);
  const metadata = useCallback(() => ({ purpose: 'speaker-photo', speakerId: s.id }), [s.id]);
  const uploads = useTusUploads<Answer & { thumbUrl: string | null }, 'photo'>({
    metadata,
    precheck: photoPrecheck,
  });
  const items = uploads.items.map((i) =>
    i.file ? { ...i, file: { ...i.file, thumbUrl: i.file.photo?.thumbUrl ?? null } } : i,
  );
  // A finished upload has already set the photo on the server: show it in place of the item.
  const finished = uploads.items.find((i) => i.phase === 'done');
  const { remove } = uploads;
  useEffect(() => {
    if (!finished) return;
    remove(finished.key);
    void refresh().then(() => message.success('照片已更新'));
  }, [finished, remove, refresh, message]);
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="speaker-photo-field">
      <Typography.Text strong>照片</Typography.Text>
      <Flex gap={12} align="center">
        <SpeakerAvatar name={s.name} thumbUrl={s.photo?.thumbUrl} size={64} />
        {s.photo && (
          <Button
            danger
            onClick={() =>
              modal.confirm({
                title: `删除${s.name}的照片？`,
                okText: '删除',
                okButtonProps: { danger: true },
                onOk: async () => {
                  await apiDelete(`/api/pool-speakers/${s.id}/photo`);
                  await refresh();
                  message.success('照片已删除');
                },
              })
            }
          >
            删除照片
          </Button>
        )}
      </Flex>
      <PhotoPicker
        items={items}
        onFiles={(files) => uploads.add('photo', files.slice(0, 1))}
        onRemove={uploads.remove}
        max={1}
        testId="speaker-photo"
      />
    </Flex>
  );
}
