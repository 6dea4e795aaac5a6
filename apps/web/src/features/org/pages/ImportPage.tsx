import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Progress,
  Result,
  Space,
  Statistic,
  Typography,
  Upload,
  Row,
  Col,
} from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, downloadFile, errorText, uploadWithProgress } from '../../../lib/api.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import type { ImportNotice } from '@jiangtai/contracts';
import { memberKeys, orgKeys, type ImportIssue, type ImportResult } from '../api.ts';
import { ImportNotices } from '../components/ImportNotices.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

type ImportSummary = ImportResult;
type ImportErrorRow = ImportIssue;

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number; fileName: string }
  | { kind: 'done'; summary: ImportSummary; fileName: string }
  | {
      kind: 'rejected';
      detail: string;
      errors: ImportErrorRow[];
      notices: ImportNotice[];
      noticeCount: number;
      fileName: string;
    }
  | { kind: 'failed'; detail: string };

const MAX_BYTES = 20 * 1024 * 1024;

export default function ImportPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const upload = async (file: File) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setState({ kind: 'failed', detail: '请选择 .xlsx 格式的 Excel 文件（可先下载导入模板）。' });
      return;
    }
    if (file.size > MAX_BYTES) {
      setState({ kind: 'failed', detail: '文件超过 20 MB，请拆分后分批导入。' });
      return;
    }
    setState({ kind: 'uploading', percent: 0, fileName: file.name });
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const summary = await uploadWithProgress<ImportSummary>('/api/org-import', form, (percent) =>
        setState((s) => (s.kind === 'uploading' ? { ...s, percent } : s)),
      );
      setState({ kind: 'done', summary, fileName: file.name });
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      void qc.invalidateQueries({ queryKey: memberKeys.all });
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.body.errors)) {
        const notices = Array.isArray(err.body.notices) ? (err.body.notices as ImportNotice[]) : [];
        setState({
          kind: 'rejected',
          detail: err.detail,
          errors: err.body.errors as ImportErrorRow[],
          notices,
          noticeCount: typeof err.body.noticeCount === 'number' ? err.body.noticeCount : notices.length,
          fileName: file.name,
        });
      } else {
        setState({ kind: 'failed', detail: errorText(err) });
      }
    }
  };

  const template = async () => {
    try {
      await downloadFile('/api/org-import/template', '组织与党员导入模板.xlsx');
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const busy = state.kind === 'uploading';
  return (
    <>
      <PageHeader
        title="从 Excel 导入组织与党员"
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/org')}>
            返回组织架构
          </Button>
        }
      />
      <Card size="small" title="第一步：下载模板并填写" style={{ marginBottom: 12 }}>
        <Typography.Paragraph>
          模板含「组织」「党员」两个工作表，填写方法见模板中的「说明」工作表。整个文件全部校验通过才会导入；只要有一行有误，就不会导入任何数据，请按提示改正后重新上传。全角数字、手机号中的空格和短横线会自动规范；模板以外的列不导入；公式按显示值导入——这些都会在结果中逐条列出。
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined />} onClick={() => void template()}>
          下载导入模板
        </Button>
      </Card>
      <Card size="small" title="第二步：上传填好的文件" style={{ marginBottom: 12 }}>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击选择或把 .xlsx 文件拖到这里</p>
          <p className="ant-upload-hint">单个文件不超过 20 MB</p>
        </Upload.Dragger>
        {state.kind === 'uploading' && (
          <div style={{ marginTop: 12 }} aria-live="polite">
            <Typography.Text>
              {state.percent < 100 ? `正在上传「${state.fileName}」…` : '上传完成，正在校验并导入，请稍候…'}
            </Typography.Text>
            <Progress percent={state.percent} status="active" />
          </div>
        )}
      </Card>
      <ImportOutcome state={state} />
    </>
  );
}

function ImportOutcome({ state }: { state: State }) {
  if (state.kind === 'done') {
    const s = state.summary;
    return (
      <Card size="small">
        <Result
          status="success"
          title="导入成功"
          subTitle={`「${state.fileName}」已全部导入。${s.noticeCount > 0 ? '导入时对文件做的处理列在下面，请核对。' : ''}`}
          style={{ padding: 16 }}
        />
        <Row gutter={[12, 12]} data-testid="import-summary">
          {(
            [
              ['新建组织', s.orgsCreated, '个'],
              ['更新组织', s.orgsUpdated, '个'],
              ['组织未变', s.orgsUnchanged, '个'],
              ['新增党员', s.membersCreated, '人'],
              ['更新党员', s.membersUpdated, '人'],
              ['党员未变', s.membersUnchanged, '人'],
            ] as const
          ).map(([title, value, suffix]) => (
            <Col key={title} xs={12} md={8} xl={4}>
              <Statistic title={title} value={value ?? 0} suffix={suffix} />
            </Col>
          ))}
        </Row>
        <ImportNotices notices={s.notices} count={s.noticeCount} />
      </Card>
    );
  }
  if (state.kind === 'failed')
    return <Alert type="error" showIcon title="导入失败" description={state.detail} />;
  if (state.kind !== 'rejected') return null;
  return (
    <Card size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert
          type="error"
          showIcon
          title={`「${state.fileName}」有错误，没有导入任何数据`}
          description={state.detail}
        />
        <ResponsiveTable<ImportErrorRow>
          data-testid="import-errors"
          size="small"
          rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.reason}`}
          dataSource={state.errors}
          scroll={{ x: 'max-content' }}
          pagination={state.errors.length > 50 ? { pageSize: 50, showTotal: (t) => `共 ${t} 处错误` } : false}
          columns={[
            { title: '工作表', dataIndex: 'sheet', width: 90 },
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'column', width: 100 },
            { title: '原因', dataIndex: 'reason', card: 'full' },
          ]}
        />
        <ImportNotices notices={state.notices} count={state.noticeCount} />
      </Space>
    </Card>
  );
}
