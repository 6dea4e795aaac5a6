import { Alert, Flex, Typography } from 'antd';
import { CameraOutlined, FileOutlined, PictureOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { LECTURE_FILE_LIMITS, LECTURE_FILE_MAX_MB, type LectureFileKind } from '@jiangtai/contracts';
import { PickButton, UploadItemRow } from '../../../components/uploads/UploadParts.tsx';
import type { UploadItem } from '../useLectureUploads.ts';

const ACCEPT: Record<LectureFileKind, string> = {
  photo: 'image/*',
  video: 'video/mp4,video/quicktime,.mp4,.mov',
  manuscript:
    '.docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Photos from the camera or the album, and optionally a short video and the manuscript. */
export function FilePicker({
  items,
  onFiles,
  onRemove,
}: {
  items: UploadItem[];
  onFiles: (kind: LectureFileKind, files: File[]) => void;
  onRemove: (key: string) => void;
}) {
  const count = (kind: LectureFileKind) => items.filter((i) => i.kind === kind && i.phase !== 'error').length;
  const full = (kind: LectureFileKind) => count(kind) >= LECTURE_FILE_LIMITS[kind];
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap="wrap">
        <PickButton
          accept={ACCEPT.photo}
          capture
          multiple
          icon={<CameraOutlined />}
          label="拍照"
          testId="lecture-camera"
          disabled={full('photo')}
          onFiles={(files) => onFiles('photo', files)}
        />
        <PickButton
          accept={ACCEPT.photo}
          multiple
          icon={<PictureOutlined />}
          label="从相册选择"
          testId="lecture-photos"
          disabled={full('photo')}
          onFiles={(files) => onFiles('photo', files)}
        />
        <PickButton
          accept={ACCEPT.video}
          icon={<VideoCameraOutlined />}
          label="短视频"
          testId="lecture-video"
          disabled={full('video')}
          onFiles={(files) => onFiles('video', files)}
        />
        <PickButton
          accept={ACCEPT.manuscript}
          icon={<FileOutlined />}
          label="讲稿"
          testId="lecture-manuscript"
          disabled={full('manuscript')}
          onFiles={(files) => onFiles('manuscript', files)}
        />
      </Flex>
      <Typography.Text type="secondary">
        照片最多 {LECTURE_FILE_LIMITS.photo} 张，每张不超过 {LECTURE_FILE_MAX_MB.photo}{' '}
        MB（上传后自动压缩并去除位置等信息）；视频不超过 {LECTURE_FILE_MAX_MB.video} MB（MP4/MOV）；讲稿为
        Word（DOCX）或 PDF。
      </Typography.Text>
      {items.map((item) => (
        <UploadItemRow
          key={item.key}
          item={item}
          thumbUrl={item.file?.thumbUrl ?? null}
          testId="lecture-upload-item"
          onRemove={() => onRemove(item.key)}
        />
      ))}
      {items.some((i) => i.phase === 'error') && (
        <Alert type="warning" showIcon title="未上传成功的文件不会保存，可移除后重新选择" />
      )}
    </Flex>
  );
}
