import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Progress, Tag, Typography } from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  EyeOutlined,
  PauseOutlined,
  PlayCircleOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  entryMaterialAccept,
  entryMaterialLabels,
  materialRequirementLabels,
  type EntryMaterial,
  type EntryMaterialKind,
  type MaterialFinding,
  type MaterialRequirement,
} from '@jiangtai/contracts';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useEntryMutations } from '../api.ts';
import { formatBytes, formatLeft, unfinishedUpload, useTusUpload } from '../useTusUpload.ts';
import { PdfViewer } from '../../../components/PdfViewer.tsx';
import { VideoPlayer } from './VideoPlayer.tsx';

interface Props {
  entryId: string;
  kind: EntryMaterialKind;
  requirement: MaterialRequirement;
  current: EntryMaterial | undefined;
  /** May upload, replace or remove now (state, role and deadline allow). */
  canChange: boolean;
  /** May retry a failed transcoding job (unit admins, organisers). */
  canRetryJob: boolean;
  onChanged: () => void;
}

function Findings({ findings }: { findings: MaterialFinding[] }) {
  if (!findings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="spec-findings"
      title="文件可以使用，但与活动要求不完全一致（组织者也能看到这些提示）："
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {findings.map((f) => (
            <li key={f.code}>{f.message}</li>
          ))}
        </ul>
      }
    />
  );
}

/** One material of an entry: the current file, its spec findings, preview, and a resumable upload. */
export function MaterialSlot({
  entryId,
  kind,
  requirement,
  current,
  canChange,
  canRetryJob,
  onChanged,
}: Props) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState(false);
  const { removeMaterial } = useEntryMutations();
  const { state, start, pause, resume, reset } = useTusUpload(entryId, kind, () => onChanged());
  const [leftover] = useState(() => unfinishedUpload(entryId, kind));
  const fileUrl = current ? `/api/entries/${entryId}/materials/${current.id}/file` : '';
  const busy = state.phase === 'uploading' || state.phase === 'paused' || state.phase === 'checking';
  const percent = state.total ? Math.floor((state.sent / state.total) * 100) : 0;

  return (
    <Card
      size="small"
      data-testid={`material-${kind}`}
      title={
        <Flex gap={8} align="center" wrap="wrap">
          {entryMaterialLabels[kind]}
          <Tag color={requirement === 'required' ? 'red' : 'default'}>
            {materialRequirementLabels[requirement]}
          </Tag>
        </Flex>
      }
      extra={<Typography.Text type="secondary">{entryMaterialAccept[kind].hint}</Typography.Text>}
    >
      <Flex vertical gap={8}>
        {current ? (
          <>
            <Flex wrap="wrap" gap={8} align="center">
              <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                {current.fileName}
              </Typography.Text>
              <Typography.Text type="secondary">
                {formatBytes(current.sizeBytes)} · {current.uploadedBy ?? ''}{' '}
                {formatDateTime(current.createdAt)}
              </Typography.Text>
            </Flex>
            <Findings findings={current.findings} />
            <Flex wrap="wrap" gap={8}>
              {current.detectedType === 'pdf' ||
              current.detectedType === 'jpeg' ||
              current.detectedType === 'png' ? (
                <Button size="small" icon={<EyeOutlined />} onClick={() => setPreview((p) => !p)}>
                  {preview ? '收起' : '在线查看'}
                </Button>
              ) : null}
              <Button
                size="small"
                icon={<DownloadOutlined />}
                onClick={() =>
                  void downloadFile(`${fileUrl}?download=1`, current.fileName).catch((e: unknown) =>
                    message.error(errorText(e)),
                  )
                }
              >
                下载
              </Button>
              {canChange && (
                <Popconfirm
                  title="删除这份材料？"
                  description="删除后需重新上传；历史版本仍保留在记录中。"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() =>
                    removeMaterial.mutate(
                      { id: entryId, materialId: current.id },
                      { onSuccess: onChanged, onError: (e) => void message.error(errorText(e)) },
                    )
                  }
                >
                  <Button size="small" danger icon={<DeleteOutlined />}>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </Flex>
            {preview && current.detectedType === 'pdf' && (
              <PdfViewer
                url={fileUrl}
                title={`${entryMaterialLabels[kind]}预览`}
                onDownload={() =>
                  void downloadFile(`${fileUrl}?download=1`, current.fileName).catch((e: unknown) =>
                    message.error(errorText(e)),
                  )
                }
              />
            )}
            {preview && current.detectedType !== 'pdf' && (
              <img src={fileUrl} alt={entryMaterialLabels[kind]} style={{ maxWidth: '100%' }} />
            )}
            {kind === 'video' && <VideoPlayer fileId={current.fileId} canRetry={canRetryJob} />}
          </>
        ) : (
          <Typography.Text type={requirement === 'required' ? 'danger' : 'secondary'}>
            {requirement === 'required' ? '尚未上传（必交）' : '尚未上传'}
          </Typography.Text>
        )}

        {canChange && !busy && leftover && state.phase === 'idle' && (
          <Alert
            type="info"
            showIcon
            title={`「${leftover.name}」上次没有传完。重新选择同一个文件即可从中断处继续上传。`}
          />
        )}

        {busy && (
          <Flex vertical gap={4} data-testid={`upload-progress-${kind}`}>
            <Typography.Text>
              {state.fileName}
              {state.resumed ? '（从上次中断处继续）' : ''}
            </Typography.Text>
            <Progress percent={percent} status={state.phase === 'paused' ? 'normal' : 'active'} />
            <Typography.Text type="secondary">
              {state.phase === 'checking'
                ? '上传完成，正在检查文件…'
                : state.phase === 'paused'
                  ? `已暂停：${formatBytes(state.sent)} / ${formatBytes(state.total)}`
                  : `${formatBytes(state.sent)} / ${formatBytes(state.total)} · ${
                      state.speed ? `${formatBytes(state.speed)}/秒` : '测速中'
                    } · 剩余 ${formatLeft(state.secondsLeft)}`}
            </Typography.Text>
            {state.phase !== 'checking' && (
              <Flex gap={8}>
                {state.phase === 'paused' ? (
                  <Button size="small" icon={<PlayCircleOutlined />} onClick={resume}>
                    继续
                  </Button>
                ) : (
                  <Button size="small" icon={<PauseOutlined />} onClick={pause}>
                    暂停
                  </Button>
                )}
                <Button size="small" onClick={reset}>
                  取消
                </Button>
              </Flex>
            )}
          </Flex>
        )}

        {state.phase === 'error' && (
          <Alert
            type="error"
            showIcon
            data-testid={`upload-error-${kind}`}
            title="上传未成功"
            description={state.error}
            action={
              <Button size="small" onClick={reset}>
                知道了
              </Button>
            }
          />
        )}
        {state.phase === 'done' && state.result && (
          <Alert
            type="success"
            showIcon
            data-testid={`upload-done-${kind}`}
            title={
              state.result.findings.length
                ? `上传完成，检查发现 ${state.result.findings.length} 条提示（见上方）`
                : '上传完成，文件检查通过'
            }
            closable={{ onClose: reset }}
          />
        )}

        {canChange && !busy && (
          <div>
            <input
              ref={input}
              type="file"
              hidden
              accept={entryMaterialAccept[kind].accept}
              data-testid={`file-input-${kind}`}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) start(file);
              }}
            />
            <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
              {current ? '替换文件' : '选择文件上传'}
            </Button>
          </div>
        )}
      </Flex>
    </Card>
  );
}
