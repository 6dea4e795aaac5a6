import { Alert, Button, Flex, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { apiGet } from '../../../lib/api.ts';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { base, type Slip } from './api.ts';
import { SlipCard, loginUrl } from './SlipCard.tsx';

/** Printable slips of one branch or unit: A4, ten to a page, cut lines between them. */
export default function SlipsPrintPage() {
  const { orgId } = useParams<{ orgId: string }>();
  const slips = useQuery({
    queryKey: ['member-accounts', 'slips', orgId],
    queryFn: ({ signal }) =>
      apiGet<{ orgName: string; expired: number; items: Slip[] }>(`${base}/orgs/${orgId}/slips`, signal),
    // The server writes an audit row per read: fetch once, not on every focus.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const url = loginUrl();
  return (
    <div style={{ padding: 12, maxWidth: 900, margin: '0 auto' }}>
      <Flex
        className="no-print"
        wrap="wrap"
        gap={8}
        align="center"
        justify="space-between"
        style={{ marginBottom: 12 }}
      >
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {slips.data ? `${slips.data.orgName} · 登录凭条` : '登录凭条'}
          </Typography.Title>
          <Typography.Text type="secondary">
            仅包含尚未激活的账号。凭条上有初始密码，请当面发给本人，打印后妥善保管或销毁多余页。
          </Typography.Text>
        </div>
        <Flex gap={8}>
          <Link to={`/member-accounts/orgs/${orgId}`}>
            <Button>返回支部名单</Button>
          </Link>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            disabled={!slips.data?.items.length}
          >
            打印
          </Button>
        </Flex>
      </Flex>
      {slips.error && <ErrorState error={slips.error} />}
      {slips.isLoading && <BlockLoading rows={8} />}
      {slips.data && slips.data.expired > 0 && (
        <Alert
          className="no-print"
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`另有 ${slips.data.expired} 人的初始密码已过期，未列出；请在支部名单中为他们「重置初始密码」。`}
        />
      )}
      {slips.data && slips.data.items.length === 0 && <EmptyState text="没有待激活的账号，无需打印凭条" />}
      {slips.data && slips.data.items.length > 0 && (
        <div className="account-slips">
          {slips.data.items.map((s) => (
            <SlipCard key={s.userId} slip={s} loginUrl={url} />
          ))}
        </div>
      )}
    </div>
  );
}
