import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { App, Button, Card, DatePicker, Form, Image, Select, Space, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined, PaperClipOutlined } from '@ant-design/icons';
import { archiveCategories, archiveCategoryLabels, type ArchiveCategory } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { DATE_INPUT_FORMAT, formatDate } from '../../../lib/format.ts';
import { useCurrentMe } from '../../../lib/me.ts';
import { useCampaigns } from '../../campaigns/api.ts';
import { archiveSummaryUrl, archiveZipUrl, useArchiveTimeline } from '../api.ts';

const READERS = ['platform_admin', 'organiser', 'unit_admin', 'supervisor'];
const CATEGORY_COLORS: Record<ArchiveCategory, string> = {
  plan: 'blue',
  lecture: 'red',
  entry: 'purple',
  result: 'gold',
  certificate: 'gold',
  pool: 'green',
  order: 'cyan',
};
// 获奖证书 are the results' files: one filter for both.
const FILTERS = archiveCategories.filter((c) => c !== 'certificate');
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** 活动档案: an org's season in date order, the whole archive as a zip and a 活动总结 draft. */
export default function ArchivePage() {
  const me = useCurrentMe();
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const myOrgs = [
    ...new Map(me.grants.filter((g) => READERS.includes(g.role)).map((g) => [g.orgId, g])).values(),
  ];
  const [orgId, setOrgId] = useState<string | undefined>(myOrgs[0]?.orgId);
  const [orgLabel, setOrgLabel] = useState<string | undefined>(myOrgs[0]?.orgName);
  // The campaign page links here with ?campaign=<id>; choosing another one keeps the address in step.
  const [params, setParams] = useSearchParams();
  const campaignId = params.get('campaign') ?? undefined;
  const setCampaignId = (id: string) => setParams({ campaign: id }, { replace: true });
  const [category, setCategory] = useState<ArchiveCategory | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [drafting, setDrafting] = useState(false);
  const known = campaigns.data?.items.some((c) => c.id === campaignId);
  const chosenCampaign = known ? campaignId : campaigns.data?.items.find((c) => c.status !== 'draft')?.id;
  const scope = orgId && chosenCampaign ? { orgId, campaignId: chosenCampaign } : null;
  const timeline = useArchiveTimeline(
    scope ? { ...scope, category, from: day(range?.[0]), to: day(range?.[1]) } : null,
  );

  if (campaigns.isPending) return <BlockLoading />;
  if (campaigns.error) return <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} />;

  async function draft() {
    if (!scope) return;
    setDrafting(true);
    try {
      await downloadFile(archiveSummaryUrl(scope), '活动总结（草稿）.docx');
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setDrafting(false);
    }
  }

  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="活动档案" sub="本组织及下级在活动中的计划、宣讲记录、作品、结果、师资库和送课记录" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="活动" style={{ minWidth: 240, maxWidth: '100%' }}>
            <Select
              aria-label="活动"
              value={chosenCampaign}
              onChange={setCampaignId}
              options={campaigns.data.items.map((c) => ({ value: c.id, label: c.title }))}
            />
          </Form.Item>
          <Form.Item label="组织" style={{ minWidth: 240, maxWidth: '100%' }}>
            <OrgSearchSelect
              aria-label="组织"
              value={orgId}
              initialLabel={orgLabel}
              onChange={(v, hit) => {
                setOrgId(v);
                setOrgLabel(hit?.name);
              }}
            />
          </Form.Item>
          <Form.Item label="类别">
            <Select
              allowClear
              aria-label="类别"
              placeholder="全部"
              style={{ minWidth: 120 }}
              value={category}
              onChange={setCategory}
              options={FILTERS.map((c) => ({ value: c, label: archiveCategoryLabels[c] }))}
            />
          </Form.Item>
          <Form.Item label="日期" style={{ maxWidth: '100%' }}>
            <DatePicker.RangePicker
              format={DATE_INPUT_FORMAT}
              value={range}
              onChange={(r) => setRange(r)}
              allowEmpty={[true, true]}
              aria-label="日期"
              style={{ maxWidth: '100%' }}
            />
          </Form.Item>
        </Form>
        <Space wrap style={{ marginTop: 12 }}>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={!scope}
            href={scope ? archiveZipUrl(scope) : undefined}
          >
            下载档案（zip）
          </Button>
          <Button
            icon={<FileWordOutlined />}
            disabled={!scope}
            loading={drafting}
            onClick={() => void draft()}
          >
            下载活动总结草稿
          </Button>
        </Space>
      </Card>
      {!scope ? (
        <EmptyState text="请选择活动和组织" />
      ) : timeline.error ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.isPending ? (
        <BlockLoading />
      ) : items.length === 0 ? (
        <EmptyState text="所选范围内还没有档案材料" />
      ) : (
        <Card size="small" data-testid="archive-timeline">
          <Timeline
            items={items.map((i) => ({
              key: i.key,
              color: CATEGORY_COLORS[i.category],
              children: (
                <div>
                  <Typography.Text type="secondary">{formatDate(i.date)}</Typography.Text>{' '}
                  <Tag color={CATEGORY_COLORS[i.category]}>{archiveCategoryLabels[i.category]}</Tag>
                  <Typography.Text type="secondary">{i.orgName}</Typography.Text>
                  <div>
                    <Typography.Text strong>{i.title}</Typography.Text>
                  </div>
                  {i.detail && <Typography.Text type="secondary">{i.detail}</Typography.Text>}
                  {i.files.some((f) => f.thumbUrl) && (
                    <Image.PreviewGroup>
                      <Space wrap style={{ marginTop: 4 }}>
                        {i.files
                          .filter((f) => f.thumbUrl)
                          .map((f) => (
                            <Image
                              key={f.url}
                              src={f.thumbUrl!}
                              preview={{ src: f.url }}
                              width={72}
                              height={72}
                              style={{ objectFit: 'cover' }}
                              alt={f.name}
                            />
                          ))}
                      </Space>
                    </Image.PreviewGroup>
                  )}
                  {i.files
                    .filter((f) => !f.thumbUrl)
                    .map((f) => (
                      <div key={f.url}>
                        <a href={f.url} target="_blank" rel="noreferrer">
                          <PaperClipOutlined /> {f.name}
                        </a>
                      </div>
                    ))}
                </div>
              ),
            }))}
          />
          {timeline.hasNextPage && (
            <Button block loading={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
              加载更多
            </Button>
          )}
        </Card>
      )}
    </>
  );
}
