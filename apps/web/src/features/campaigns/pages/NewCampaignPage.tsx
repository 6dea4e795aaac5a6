import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Radio, Row, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { beijingDate, type CampaignPresetKey } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { useCurrentMe } from '../../../lib/me.ts';
import { ShiftYearsInput } from '../components/ShiftYearsInput.tsx';
import { DATE_FORMAT } from '../edit/fields.tsx';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { useCampaignMutations, useCampaignPresets, useCampaigns, type CreateCampaignBody } from '../api.ts';

const presetPlace: Record<CampaignPresetKey, string> = { yueyang: '岳阳方案', jiaozuo: '焦作方案' };

type Source = `preset:${CampaignPresetKey}` | 'copy';

export default function NewCampaignPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const presets = useCampaignPresets();
  const campaigns = useCampaigns();
  const { create } = useCampaignMutations();
  const organiserGrant =
    me.grants.find((g) => g.role === 'organiser') ?? me.grants.find((g) => g.role === 'platform_admin');
  const [source, setSource] = useState<Source | undefined>();
  const [copyFromId, setCopyFromId] = useState<string | undefined>();
  const [orgId, setOrgId] = useState<string | undefined>(organiserGrant?.orgId);
  const [error, setError] = useState<string | null>(null);
  const [shiftYears, setShiftYears] = useState(0);
  const today = beijingDate(new Date());
  const thisYear = Number(today.slice(0, 4));
  // A preset starts today (Beijing) unless the organiser picks another day.
  const [startsOn, setStartsOn] = useState(today);

  const submit = async () => {
    setError(null);
    if (!source) return setError('请选择一个方案，或选择复制已有活动');
    if (source === 'copy' && !copyFromId) return setError('请选择要复制的活动');
    if (!orgId) return setError('请选择组织单位');
    const body: CreateCampaignBody =
      source === 'copy'
        ? { organiserOrgId: orgId, copyFromId: copyFromId as string, shiftYears: shiftYears || undefined }
        : { organiserOrgId: orgId, presetKey: source.slice(7) as CampaignPresetKey, startsOn };
    try {
      const created = await create.mutateAsync(body);
      message.success('活动已创建（草稿），请核对各项设置后发布');
      void navigate(`/campaigns/${created.id}`);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <>
      <PageHeader
        title="新建活动"
        sub="选用一个方案或复制往年的活动，创建后可逐项修改。"
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/campaigns')}>
            返回活动列表
          </Button>
        }
      />
      <Card size="small" title="第一步：选择方案" style={{ marginBottom: 12 }}>
        {presets.isPending ? (
          <BlockLoading />
        ) : presets.error ? (
          <ErrorState error={presets.error} onRetry={() => void presets.refetch()} />
        ) : (
          <Radio.Group
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
            style={{ width: '100%' }}
            aria-label="方案"
          >
            <Row gutter={[12, 12]}>
              {presets.data.map((p) => (
                <Col key={p.key} xs={24} md={12} xl={8}>
                  <Card
                    size="small"
                    hoverable
                    onClick={() => setSource(`preset:${p.key}`)}
                    style={{
                      height: '100%',
                      borderColor: source === `preset:${p.key}` ? '#c8102e' : undefined,
                    }}
                  >
                    <Radio value={`preset:${p.key}`}>
                      <Typography.Text strong>{presetPlace[p.key]}</Typography.Text>{' '}
                      <Tag>{p.seedYear} 年通知</Tag>
                    </Radio>
                    <Typography.Paragraph strong style={{ margin: '8px 0 4px' }}>
                      {p.title}
                    </Typography.Paragraph>
                    <Typography.Paragraph style={{ marginBottom: 4 }}>{p.summary}</Typography.Paragraph>
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
                      依据：{p.source}
                      。摘要中的月份是原通知的；新活动从第二步的「开始日期」起，按原通知各阶段的先后和时长排定，创建后可修改。
                    </Typography.Paragraph>
                  </Card>
                </Col>
              ))}
              <Col xs={24} md={12} xl={8}>
                <Card
                  size="small"
                  hoverable
                  onClick={() => setSource('copy')}
                  style={{ height: '100%', borderColor: source === 'copy' ? '#c8102e' : undefined }}
                >
                  <Radio value="copy">
                    <Typography.Text strong>复制已有活动</Typography.Text>
                  </Radio>
                  <Typography.Paragraph style={{ margin: '8px 0' }}>
                    沿用该活动的全部设置（阶段、评分标准、奖项等），再按需修改。
                  </Typography.Paragraph>
                  <Select
                    aria-label="要复制的活动"
                    placeholder={
                      campaigns.data?.items.length === 0 ? '还没有可复制的活动' : '选择要复制的活动'
                    }
                    style={{ width: '100%' }}
                    value={copyFromId}
                    loading={campaigns.isPending}
                    onChange={(v: string) => {
                      setCopyFromId(v);
                      setSource('copy');
                      const from = campaigns.data?.items.find((c) => c.id === v);
                      setShiftYears(from ? Math.max(0, thisYear - Number(from.startsOn.slice(0, 4))) : 0);
                    }}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={(campaigns.data?.items ?? []).map((c) => ({
                      value: c.id,
                      label: `${c.title}（${c.startsOn.slice(0, 4)}）`,
                    }))}
                  />
                  {copyFromId && (
                    <Form.Item
                      label="日期平移"
                      style={{ margin: '8px 0 0' }}
                      extra="所有日期整体推后几年；0 表示不变"
                    >
                      <ShiftYearsInput value={shiftYears} onChange={setShiftYears} width={120} />
                    </Form.Item>
                  )}
                </Card>
              </Col>
            </Row>
          </Radio.Group>
        )}
      </Card>
      <Card
        size="small"
        title={source?.startsWith('preset:') ? '第二步：组织单位和开始日期' : '第二步：组织单位'}
        style={{ marginBottom: 12 }}
      >
        <Form layout="vertical" style={{ maxWidth: 480 }}>
          <Form.Item
            label="组织单位（主办）"
            required
            extra="活动由该组织主办；默认参与范围是它的全部下级组织。"
          >
            <OrgSearchSelect
              value={orgId}
              initialLabel={organiserGrant?.orgName}
              onChange={(v) => setOrgId(v)}
              style={{ width: '100%' }}
            />
          </Form.Item>
          {source?.startsWith('preset:') && (
            <Form.Item
              label="开始日期"
              required
              extra="默认今天。各阶段按原通知的先后和时长从这一天起依次排定，阶段说明中的日期随之生成。"
            >
              <DatePicker
                aria-label="开始日期"
                format={DATE_FORMAT}
                value={dayjs(startsOn)}
                onChange={(d) => setStartsOn(d ? d.format('YYYY-MM-DD') : today)}
                allowClear={false}
                style={{ width: '100%' }}
              />
            </Form.Item>
          )}
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Button type="primary" size="large" loading={create.isPending} onClick={() => void submit()}>
        创建活动
      </Button>
    </>
  );
}
