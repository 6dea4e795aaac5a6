import { Alert, Flex, Typography } from 'antd';
import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { HEIC_REFUSAL, LECTURE_FILE_MAX_MB, looksLikeHeic } from '@jiangtai/contracts';
import { PickButton, UploadItemRow } from './UploadParts.tsx';
import type { UploadItem } from './useTusUploads.ts';

/** The browser's check of a photo before sending (HEIC, size); the server checks the same again. */
export function photoPrecheck(_kind: string, file: File): string | null {
  if (looksLikeHeic(file.name, file.type)) return HEIC_REFUSAL;
  const limit = LECTURE_FILE_MAX_MB.photo;
  if (file.size > limit * 1024 * 1024)
    return `照片「${file.name}」大小 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过上限 ${limit} MB，请压缩或裁剪后再上传`;
  return null;
}

/**
 * Photos from the camera or the album on a phone, each uploaded at once with its progress (the items of
 * useTusUploads; the purpose's answer carries `thumbUrl`). `max`: how many the form takes.
 */
export function PhotoPicker<T extends { thumbUrl: string | null }>({
  items,
  onFiles,
  onRemove,
  max,
  testId,
}: {
  items: UploadItem<T>[];
  onFiles: (files: File[]) => void;
  onRemove: (key: string) => void;
  max: number;
  testId: string;
}) {
  const full = items.filter((i) => i.phase !== 'error').length >= max;
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap="wrap">
        <PickButton
          accept="image/*"
          capture
          multiple={max > 1}
          icon={<CameraOutlined />}
          label="拍照"
          testId={`${testId}-camera`}
          disabled={full}
          onFiles={onFiles}
        />
        <PickButton
          accept="image/*"
          multiple={max > 1}
          icon={<PictureOutlined />}
          label="从相册选择"
          testId={`${testId}-album`}
          disabled={full}
          onFiles={onFiles}
        />
      </Flex>
      <Typography.Text type="secondary">
        照片最多 {max} 张，每张不超过 {LECTURE_FILE_MAX_MB.photo} MB（上传后自动压缩并去除位置等信息）
      </Typography.Text>
      {items.map((item) => (
        <UploadItemRow
          key={item.key}
          item={item}
          thumbUrl={item.file?.thumbUrl ?? null}
          testId={`${testId}-item`}
          onRemove={() => onRemove(item.key)}
        />
      ))}
      {items.some((i) => i.phase === 'error') && (
        <Alert type="warning" showIcon title="未上传成功的照片不会保存，可移除后重新选择" />
      )}
    </Flex>
  );
}
