import { Card, Descriptions, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { SpeakerOrderSummary } from '@jiangtai/contracts';
import { formatDate } from '../../../lib/format.ts';

const stars = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} 分`);

/** A speaker's 点单 record (宣讲场次、覆盖人数、评价), shown to the pool's managers only. */
export function OrderRecordCard({ r }: { r: SpeakerOrderSummary }) {
  return (
    <Card size="small" title="点单宣讲记录" style={{ marginBottom: 16 }} data-testid="speaker-order-record">
      <Descriptions column={{ xs: 1, sm: 2, md: 4 }} size="small">
        <Descriptions.Item label="已宣讲">{r.delivered} 场</Descriptions.Item>
        <Descriptions.Item label="覆盖听众">{r.audience} 人</Descriptions.Item>
        <Descriptions.Item label="内容评分">{stars(r.ratingContent)}</Descriptions.Item>
        <Descriptions.Item label="效果评分">
          {stars(r.ratingDelivery)}
          <Typography.Text type="secondary">（{r.ratingCount} 次评价）</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {r.recent.length > 0 && (
        <List
          size="small"
          header={<Typography.Text type="secondary">最近宣讲</Typography.Text>}
          dataSource={r.recent}
          renderItem={(o) => (
            <List.Item key={o.orderId}>
              <Link to={`/orders/${o.orderId}`}>
                {formatDate(o.deliveredOn)} · {o.orgName} · {o.topic}
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
