import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  DownloadOutlined,
  FileTextOutlined,
  LeftOutlined,
  LoadingOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { PdfViewer } from '../../../components/PdfViewer.tsx';
import { HlsVideo } from '../../entries/components/VideoPlayer.tsx';
import { useJudgeItem, useJudgeQueue, type JudgeDocument, type JudgeItem } from '../api.ts';
import { ConflictModal } from '../components/ConflictModal.tsx';
import { AssignmentStatusTag, BlindTag } from '../components/JudgingTags.tsx';
import { LockedScore } from '../components/LockedScore.tsx';
import { ScoreForm } from '../components/ScoreForm.tsx';
import { CODE_STYLE } from '../components/code-style.ts';

/**
 * 查看讲稿 / 查看课件: PDFs are drawn in the page (PdfViewer), images shown in place. Word and
 * PowerPoint files download, and once the server has made a PDF of them (most judges read on phones)
 * 在线查看 shows that instead.
 * In a blind round the platform's PDF is all there is: until it is ready the judge sees why.
 */
function DocumentButton({ doc, blind }: { doc: JudgeDocument; blind: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [showing, setShowing] = useState(false);
  if (!doc.present) return <Typography.Text type="secondary">该作品没有{doc.label}</Typography.Text>;
  if (blind && !doc.url) {
    if (doc.preview?.status === 'failed')
      return (
        <Alert
          type="warning"
          showIcon
          title={`${doc.label}：${doc.preview.error ?? '转换失败，请联系组织者'}`}
        />
      );
    return (
      <Typography.Text type="secondary">
        <LoadingOutlined /> {doc.label}转换中，请稍候…
      </Typography.Text>
    );
  }
  if (!doc.url) return <Typography.Text type="secondary">该作品没有{doc.label}</Typography.Text>;
  // Shown in the page (pdf.js), never in the browser's PDF viewer: WeChat's browser has none.
  const open = (href: string, label: string, kind: 'pdf' | 'image' = 'pdf') => (
    <Flex vertical gap={8}>
      <Button
        size="large"
        block
        icon={<FileTextOutlined />}
        aria-expanded={showing}
        onClick={() => setShowing((v) => !v)}
      >
        {showing ? `收起${doc.label}` : label}
      </Button>
      {showing &&
        (kind === 'image' ? (
          <img src={href} alt={doc.label} style={{ maxWidth: '100%' }} />
        ) : (
          <PdfViewer url={href} title={doc.label} />
        ))}
    </Flex>
  );
  const url = doc.url;
  const preview = doc.preview;
  const download = (
    <Button
      size="large"
      block
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        downloadFile(url, doc.downloadName ?? `${doc.label}`)
          .catch((e: unknown) => void message.error(errorText(e)))
          .finally(() => setBusy(false));
      }}
    >
      {blind ? `下载${doc.label}（PDF）` : preview?.url ? `下载${doc.label}原文件` : `下载${doc.label}`}
    </Button>
  );
  if (blind)
    return (
      <Flex vertical gap={8}>
        {open(preview?.url ?? url, `在线查看${doc.label}`)}
        {download}
      </Flex>
    );
  if (doc.inline) return open(url, `查看${doc.label}`, doc.detectedType === 'pdf' ? 'pdf' : 'image');
  return (
    <Flex vertical gap={8}>
      {preview?.status === 'ready' && preview.url && open(preview.url, `在线查看${doc.label}`)}
      {(preview?.status === 'pending' || preview?.status === 'processing') && (
        <Typography.Text type="secondary">
          <LoadingOutlined /> 正在生成在线预览…
        </Typography.Text>
      )}
      {preview?.status === 'failed' && (
        <Alert type="warning" showIcon title={preview.error ?? '文档转换失败，请下载原文件查看'} />
      )}
      {download}
    </Flex>
  );
}

function Materials({ item }: { item: JudgeItem }) {
  const { video, documents } = item;
  if (!video && !documents.length && !item.outline) return null;
  return (
    <Card size="small" title="作品材料">
      <Flex vertical gap={12}>
        {video &&
          (video.masterUrl ? (
            <HlsVideo src={video.masterUrl} poster={video.posterUrl} />
          ) : video.present ? (
            <Alert type="info" showIcon title="视频还在处理中" description="请稍后刷新页面再观看。" />
          ) : (
            <Typography.Text type="secondary">该作品没有宣讲视频</Typography.Text>
          ))}
        {documents.map((d) => (
          <DocumentButton key={d.material} doc={d} blind={item.round.blind} />
        ))}
        {item.outline && (
          <div>
            <Typography.Text strong>作品提纲</Typography.Text>
            <Typography.Paragraph
              ellipsis={{
                rows: 4,
                expandable: 'collapsible',
                symbol: (expanded) => (expanded ? '收起' : '展开'),
              }}
              style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
            >
              {item.outline}
            </Typography.Paragraph>
          </div>
        )}
      </Flex>
    </Card>
  );
}

function ItemView({ roundId, code }: { roundId: string; code: string }) {
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const { data: item, error, isPending, refetch } = useJudgeItem(roundId, code);
  const queue = useJudgeQueue(roundId);
  const [dirty, setDirty] = useState(false);
  const [conflictOpen, setConflictOpen] = useState(false);

  const go = (path: string) => {
    if (!dirty) {
      void navigate(path);
      return;
    }
    modal.confirm({
      title: '您的修改还没有暂存，确定离开吗？',
      okText: '离开',
      cancelText: '留下',
      onOk: () => void navigate(path),
    });
  };

  const items = queue.data?.items ?? [];
  const index = items.findIndex((i) => i.code === code);
  const prev = index > 0 ? items[index - 1] : undefined;
  const next = index >= 0 ? items[index + 1] : undefined;
  const queuePath = `/judging/${roundId}`;

  const back = (
    <Link
      to={queuePath}
      onClick={(e) => {
        if (dirty) {
          e.preventDefault();
          go(queuePath);
        }
      }}
      style={{ display: 'inline-block', marginBottom: 8, padding: '4px 0' }}
    >
      <ArrowLeftOutlined /> 返回作品列表
    </Link>
  );

  if (isPending) return <BlockLoading />;
  if (error)
    return (
      <>
        {back}
        <ErrorState error={error} onRetry={() => void refetch()} />
      </>
    );

  const named = [item.speakerName, item.unitName].filter((x): x is string => !!x);
  return (
    <>
      {back}
      <PageHeader
        title={
          <>
            作品 <span style={CODE_STYLE}>{item.code}</span>
          </>
        }
        sub={
          <>
            {item.round.name} · 评分截止 {formatDate(item.round.deadline)}
          </>
        }
      />
      <Flex vertical gap={12}>
        {!item.round.blind && (item.title || named.length > 0) && (
          <div>
            {item.title && (
              <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
                {item.title}
              </Typography.Title>
            )}
            {named.length > 0 && <Typography.Text type="secondary">{named.join(' · ')}</Typography.Text>}
          </div>
        )}
        <Flex gap={8} wrap="wrap" align="center">
          <BlindTag blind={item.round.blind} />
          <Typography.Text>{item.categoryName}</Typography.Text>
          <AssignmentStatusTag status={item.status} label={item.statusLabel} />
          {queue.data && index >= 0 && (
            <Typography.Text type="secondary">
              第 {index + 1} / {items.length} 件
            </Typography.Text>
          )}
        </Flex>
        {item.reopenReason && (
          <Alert type="warning" showIcon title={`组织者已重新打开您的评分：${item.reopenReason}`} />
        )}
        <Materials item={item} />
        <Card size="small" title="评分">
          {item.locked ? (
            <LockedScore item={item} />
          ) : (
            <ScoreForm roundId={roundId} item={item} onDirtyChange={setDirty} />
          )}
        </Card>
        {item.round.open && (
          <div>
            <Button type="link" style={{ paddingInline: 0 }} onClick={() => setConflictOpen(true)}>
              声明回避
            </Button>
          </div>
        )}
        <Flex gap={8} role="navigation" aria-label="作品切换">
          <Button
            size="large"
            style={{ flex: 1 }}
            icon={<LeftOutlined />}
            disabled={!prev}
            onClick={() => prev && go(`${queuePath}/${prev.code}`)}
          >
            上一件
          </Button>
          <Button
            size="large"
            style={{ flex: 1 }}
            icon={<RightOutlined />}
            iconPlacement="end"
            disabled={!next}
            onClick={() => next && go(`${queuePath}/${next.code}`)}
          >
            下一件
          </Button>
        </Flex>
      </Flex>
      <ConflictModal
        roundId={roundId}
        code={item.code}
        open={conflictOpen}
        onClose={() => setConflictOpen(false)}
      />
    </>
  );
}

/** One entry for scoring, by its code: materials, the rubric form (or the locked score), prev/next. */
export default function JudgeItemPage() {
  const { id = '', code = '' } = useParams();
  // A fresh view per entry: the form, the unsaved-changes flag and the dialogs start over.
  return <ItemView key={`${id}/${code}`} roundId={id} code={code} />;
}
