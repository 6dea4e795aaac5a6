import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Progress, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { apiPost, downloadFile, errorText } from '../../../lib/api.ts';
import { useCurrentMe } from '../../../lib/me.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { base, usePreview, useRun, useStatus, type Run, type Status } from './api.ts';

const MANAGING = ['platform_admin', 'unit_admin'];
const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part / whole) * 100));

/** 党员账号: open accounts for a subtree in one step, follow the job, see activation per branch. */
export default function MemberAccountsPage() {
  const me = useCurrentMe();
  const own = me.grants.find((g) => MANAGING.includes(g.role));
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org') ?? own?.orgId;
  const runId = params.get('run') ?? undefined;
  const [orgLabel, setOrgLabel] = useState(own?.orgName);
  const preview = usePreview(orgId);
  const status = useStatus(orgId);

  return (
    <>
      <PageHeader title="党员账号" sub="为本单位（支部）党员批量开通账号，打印登录凭条，查看激活情况。" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap="wrap" gap={8} align="center">
          <span>组织：</span>
          <OrgSearchSelect
            aria-label="选择组织"
            value={orgId}
            initialLabel={
              status.data?.orgName ??
              preview.data?.orgName ??
              (orgId === own?.orgId ? own?.orgName : orgLabel)
            }
            onChange={(v, hit) => {
              if (!v) return;
              setOrgLabel(hit?.name);
              setParams({ org: v });
            }}
            style={{ width: 320, maxWidth: '100%' }}
          />
        </Flex>
      </Card>
      {orgId && !runId && (
        <StartCard orgId={orgId} preview={preview} onStarted={(id) => setParams({ org: orgId, run: id })} />
      )}
      {orgId && runId && (
        <RunCard
          runId={runId}
          onDone={() => void status.refetch()}
          onBack={() => setParams({ org: orgId })}
        />
      )}
      {orgId && <StatusCard status={status} />}
    </>
  );
}

function StartCard({
  orgId,
  preview,
  onStarted,
}: {
  orgId: string;
  preview: ReturnType<typeof usePreview>;
  onStarted: (runId: string) => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const p = preview.data;
  const start = async () => {
    setBusy(true);
    try {
      const run = await apiPost<Run>(`${base}/runs`, { orgId });
      onStarted(run.id);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="开通账号" style={{ marginBottom: 12 }}>
      {preview.error && <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />}
      {preview.isLoading && <BlockLoading rows={2} />}
      {p && (
        <>
          <Typography.Paragraph data-testid="account-preview">
            「{p.orgName}」共有党员 {p.total} 人：将开通 <b>{p.willCreate}</b> 人；缺少手机号 {p.noPhone}{' '}
            人；已有账号 {p.hasAccount} 人{p.phoneTaken > 0 && `；手机号已被其他账号使用 ${p.phoneTaken} 人`}
            {p.inactive > 0 && `；已停用 ${p.inactive} 人`}。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            登录账号为本人手机号，初始密码打印在凭条上，首次登录须修改密码。缺少手机号的党员请先在「组织架构 &
            党员」中补录。
          </Typography.Paragraph>
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            loading={busy}
            disabled={p.willCreate === 0}
            onClick={() => void start()}
          >
            {p.willCreate === 0 ? '没有需要开通的党员' : `开通 ${p.willCreate} 个账号`}
          </Button>
        </>
      )}
    </Card>
  );
}

function RunCard({ runId, onDone, onBack }: { runId: string; onDone: () => void; onBack: () => void }) {
  const run = useRun(runId);
  const qc = useQueryClient();
  const r = run.data;
  const finished = r?.status === 'succeeded';
  useEffect(() => {
    if (!finished) return;
    void qc.invalidateQueries({ queryKey: ['member-accounts', 'preview'] });
    onDone();
    // Once per finished run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished]);
  return (
    <Card size="small" title="开通进度" style={{ marginBottom: 12 }}>
      {run.error && <ErrorState error={run.error} />}
      {r && (
        <>
          <Progress
            percent={finished ? 100 : pct(r.processed, r.total)}
            status={r.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
          />
          <Typography.Paragraph data-testid="run-progress">
            {r.statusLabel}：已处理 {r.processed} / {r.total} 人
          </Typography.Paragraph>
          {r.error && <Alert type="error" showIcon title={r.error} style={{ marginBottom: 12 }} />}
          {finished && (
            <>
              <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
                <Descriptions.Item label="新开通">{r.created} 人</Descriptions.Item>
                <Descriptions.Item label="已有账号">{r.skipped.hasAccount} 人</Descriptions.Item>
                <Descriptions.Item label="缺少手机号">{r.skipped.noPhone} 人</Descriptions.Item>
                <Descriptions.Item label="手机号已被其他账号使用">
                  {r.skipped.phoneTaken} 人
                </Descriptions.Item>
                <Descriptions.Item label="已停用">{r.skipped.inactive} 人</Descriptions.Item>
              </Descriptions>
              <SlipButtons orgId={r.orgId} orgName={r.orgName} />
            </>
          )}
          <div style={{ marginTop: 12 }}>
            <Button type="link" onClick={onBack} style={{ paddingLeft: 0 }}>
              返回
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}

export function SlipButtons({ orgId, orgName }: { orgId: string; orgName: string }) {
  const { message } = App.useApp();
  return (
    <Flex wrap="wrap" gap={8}>
      <Link to={`/member-accounts/orgs/${orgId}/slips`}>
        <Button icon={<PrinterOutlined />}>打印登录凭条</Button>
      </Link>
      <Button
        icon={<DownloadOutlined />}
        onClick={() =>
          void downloadFile(`${base}/orgs/${orgId}/slips.xlsx`, `${orgName}-党员账号凭条.xlsx`).catch(
            (err: unknown) => message.error(errorText(err)),
          )
        }
      >
        下载凭条 Excel
      </Button>
    </Flex>
  );
}

function StatusCard({ status }: { status: ReturnType<typeof useStatus> }) {
  const s = status.data;
  const columns: ResponsiveColumn<Status['branches'][number]>[] = [
    {
      title: '支部',
      dataIndex: 'orgName',
      render: (v: string, r) => <Link to={`/member-accounts/orgs/${r.orgId}`}>{v}</Link>,
    },
    { title: '党员数', dataIndex: 'members', width: 72, align: 'right' },
    { title: '已开通账号', dataIndex: 'accounts', width: 90, align: 'right' },
    { title: '已激活', dataIndex: 'activated', width: 72, align: 'right' },
    { title: '未激活', dataIndex: 'pending', width: 72, align: 'right' },
    {
      title: '激活进度',
      key: 'bar',
      width: 140,
      card: 'full',
      render: (_: unknown, r) => <Progress size="small" percent={pct(r.activated, r.members)} />,
    },
  ];
  return (
    <Card size="small" title="激活情况">
      {status.error && <ErrorState error={status.error} onRetry={() => void status.refetch()} />}
      {status.isLoading && <BlockLoading />}
      {s && (
        <>
          <Typography.Paragraph data-testid="activation-totals">
            党员 {s.totals.members} 人，已开通账号 {s.totals.accounts} 人，已激活 {s.totals.activated}{' '}
            人，未激活 {s.totals.pending} 人。
          </Typography.Paragraph>
          <Progress percent={pct(s.totals.activated, s.totals.members)} style={{ marginBottom: 12 }} />
          {s.branches.length === 0 ? (
            <EmptyState text="该组织下没有党员" />
          ) : (
            <ResponsiveTable
              aria-label="各党支部开通与激活情况"
              rowKey="orgId"
              size="small"
              columns={columns}
              dataSource={s.branches}
              scroll={{ x: 560 }}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            />
          )}
        </>
      )}
    </Card>
  );
}
