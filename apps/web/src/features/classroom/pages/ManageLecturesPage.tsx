import { useState } from 'react';
import { Flex, Select, Typography } from 'antd';
import { Link } from 'react-router-dom';
import {
  classroomLectureStateLabels,
  classroomLectureStates,
  type ClassroomLectureStateName,
  type LectureManageItem,
} from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useManagedLectures } from '../api.ts';
import { LectureStateTag } from '../components/LectureManagePanel.tsx';

/**
 * 微课堂管理: every lecture of the organiser's subtree in every state, with what comes next. Lectures
 * are proposed from a round's results or an entry's page (推荐到微课堂).
 */
export default function ManageLecturesPage() {
  const [state, setState] = useState<ClassroomLectureStateName | undefined>();
  const list = useManagedLectures(state);
  const columns: ResponsiveColumn<LectureManageItem>[] = [
    {
      title: '标题',
      dataIndex: 'title',
      card: 'title',
      render: (v: string, l) => <Link to={`/classroom/lectures/${l.id}`}>{v}</Link>,
    },
    {
      title: '状态',
      dataIndex: 'state',
      card: 'extra',
      render: (_: unknown, l) => <LectureStateTag state={l.state} label={l.stateLabel} />,
    },
    { title: '宣讲人', key: 'speaker', render: (_: unknown, l) => `${l.speakerName}（${l.speakerUnit}）` },
    { title: '发布单位', dataIndex: 'orgName' },
    { title: '范围', dataIndex: 'visibility', render: (v: string) => (v === 'public' ? '公开' : '平台内') },
    {
      title: '下一步',
      dataIndex: 'nextAction',
      card: 'full',
      render: (v: string | null) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : '—'),
    },
    {
      title: '推荐 / 发布',
      key: 'dates',
      render: (_: unknown, l) =>
        `${formatDate(l.proposedAt)}${l.publishedAt ? ` / ${formatDate(l.publishedAt)}` : ''}`,
    },
  ];
  return (
    <>
      <PageHeader title="微课堂管理" />
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          在评审结果或作品页点「推荐到微课堂」，宣讲人同意后即可发布。
        </Typography.Text>
        <Select
          aria-label="状态"
          allowClear
          placeholder="全部状态"
          style={{ width: 200 }}
          value={state}
          onChange={setState}
          options={classroomLectureStates.map((s) => ({ value: s, label: classroomLectureStateLabels[s] }))}
        />
        {list.isPending ? (
          <BlockLoading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState text="还没有微课" />
        ) : (
          <ResponsiveTable
            aria-label="微课堂管理"
            data-testid="classroom-manage-list"
            rowKey="id"
            columns={columns}
            dataSource={list.data.items}
            pagination={false}
          />
        )}
      </Flex>
    </>
  );
}
