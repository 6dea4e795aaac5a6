import { Alert, Card, Descriptions, Result } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { ApiError } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { useCertificateCheck } from '../api.ts';

/** /certificates/:code — what a certificate's QR code opens: confirms the award, for anyone. */
export default function CertificatePage() {
  const { code = '' } = useParams();
  const { data: c, error, isPending, refetch } = useCertificateCheck(code);
  if (isPending) return <BlockLoading />;
  if (error instanceof ApiError && error.status === 404)
    return (
      <Result
        status="warning"
        title="查无此证书"
        subTitle="二维码对应的证书不存在。请核对证书是否由本平台颁发，或联系颁发单位核实。"
      />
    );
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <Card style={{ maxWidth: 640, margin: '0 auto' }}>
      <Result
        status="success"
        icon={<SafetyCertificateOutlined />}
        title="证书真实有效"
        subTitle={`${c.issuer}颁发`}
        style={{ padding: '16px 0' }}
      />
      {c.state === 'publicised' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`表彰名单公示中（至 ${formatDate(c.noticeEndsOn)}）`}
        />
      )}
      <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={c.kind === 'person' ? '获奖人' : '获奖单位'}>{c.name}</Descriptions.Item>
        {c.kind === 'person' && <Descriptions.Item label="单位">{c.unitName}</Descriptions.Item>}
        {c.title && <Descriptions.Item label="作品">{c.title}</Descriptions.Item>}
        <Descriptions.Item label="奖项">{c.award}</Descriptions.Item>
        <Descriptions.Item label="活动">{c.campaignTitle}</Descriptions.Item>
        <Descriptions.Item label="颁发单位">{c.issuer}</Descriptions.Item>
        <Descriptions.Item label="颁发日期">{c.dateText}</Descriptions.Item>
        <Descriptions.Item label="证书编号">{c.certificateNo}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
