import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import {
  materialKeys,
  materialLabels,
  materialRequirementLabels,
  partyStatusLabels,
  type CampaignDetail,
} from '@jiangtai/contracts';
import { formatDateRange } from '../../../lib/format.ts';
import { describeMediaSpec } from '../describe.ts';

const requirementColor = { required: 'red', optional: 'blue', unused: 'default' } as const;

/** What the campaign is, who may enter and what they hand in. */
export function SettingsOverview({ campaign }: { campaign: CampaignDetail }) {
  const s = campaign.settings;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={24} lg={12}>
        <Card size="small" title="基本信息" style={{ height: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'theme', label: '主题', children: s.theme || '—' },
              { key: 'window', label: '活动时间', children: formatDateRange(s.startsOn, s.endsOn) },
              { key: 'org', label: '组织单位', children: campaign.organiserOrgName },
              {
                key: 'scope',
                label: '参与范围',
                children: campaign.participatingOrgs.length
                  ? campaign.participatingOrgs.map((o) => o.name).join('、')
                  : `${campaign.organiserOrgName}及其全部下级组织`,
              },
            ]}
          />
          {s.description && (
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
              {s.description}
            </Typography.Paragraph>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title="宣讲类别" style={{ marginBottom: 12 }}>
          <Space wrap>
            {s.categories.map((c) => (
              <Tag key={c.key} color="red">
                {c.name}
              </Tag>
            ))}
          </Space>
        </Card>
        <Card size="small" title="参加条件">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'positions',
                label: '职务',
                children: s.eligibility.positions.length ? s.eligibility.positions.join('、') : '不限职务',
              },
              {
                key: 'status',
                label: '党员身份',
                children: s.eligibility.partyStatuses.map((p) => partyStatusLabels[p]).join('、'),
              },
              ...(s.eligibility.note ? [{ key: 'note', label: '说明', children: s.eligibility.note }] : []),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title="报送材料与视频规格">
          <Space wrap style={{ marginBottom: 8 }}>
            {materialKeys.map((k) => (
              <Tag key={k} color={requirementColor[s.materials[k]]}>
                {materialLabels[k]}：{materialRequirementLabels[s.materials[k]]}
              </Tag>
            ))}
          </Space>
          {s.materials.video !== 'unused' && (
            <div data-testid="media-spec">
              <Typography.Text type="secondary">视频规格：</Typography.Text>
              <Typography.Text strong>{describeMediaSpec(s.mediaSpec)}</Typography.Text>
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}
