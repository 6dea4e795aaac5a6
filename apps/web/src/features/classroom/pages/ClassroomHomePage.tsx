import { useEffect, useState } from 'react';
import { Card, Flex, Input, Pagination, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type { ClassroomLectureCard, HighlightSegment } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate, formatDuration } from '../../../lib/format.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { useClassroomHome, useClassroomLectures } from '../catalogue-api.ts';
import { useMe } from '../../../lib/me.ts';
import { MyTasksStrip } from '../../learning/components/MyTasksStrip.tsx';
import '../classroom.css';

/** Text with the matched pieces marked; the pieces are text, never markup. */
function Highlighted({ segments }: { segments: HighlightSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} className="classroom-hit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function LectureCard({ lecture }: { lecture: ClassroomLectureCard }) {
  const meta = [
    lecture.speakerName,
    lecture.speakerUnit,
    formatDuration(lecture.durationSeconds),
    lecture.publishedAt ? formatDate(lecture.publishedAt) : '',
  ].filter(Boolean);
  return (
    <Link to={`/classroom/lectures/${lecture.id}`} className="classroom-card" data-testid="classroom-lecture">
      <Card size="small" hoverable>
        <Flex vertical gap={4}>
          <div className="classroom-title">
            <Highlighted segments={lecture.titleSegments} />
          </div>
          <Typography.Text type="secondary">{meta.join(' · ')}</Typography.Text>
          {lecture.snippet.length > 0 && (
            <div className="classroom-snippet">
              <Highlighted segments={lecture.snippet} />
            </div>
          )}
          {(lecture.category || lecture.tags.length > 0) && (
            <div className="classroom-chips">
              {lecture.category && <Tag color="red">{lecture.category}</Tag>}
              {lecture.tags.map((t) => (
                <Tag key={t}>{t}</Tag>
              ))}
            </div>
          )}
        </Flex>
      </Card>
    </Link>
  );
}

function LectureList({ items }: { items: ClassroomLectureCard[] }) {
  return (
    <Flex vertical gap={8}>
      {items.map((l) => (
        <LectureCard key={l.id} lecture={l} />
      ))}
    </Flex>
  );
}

/**
 * 网上微课堂 home, phone first: search (titles, speakers, summaries, manuscripts), 分类 and 专题 chips,
 * and the newest lectures; a search or a chip turns the page into its results. What is searched and
 * chosen lives in the address, so coming back from a lecture shows the same results.
 */
export default function ClassroomHomePage() {
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? undefined;
  const tag = params.get('tag') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const [typed, setTyped] = useState(q);
  const debounced = useDebounced(typed.trim(), 300);
  const home = useClassroomHome();
  const filtering = !!(q || category || tag);
  const list = useClassroomLectures({ q: q || undefined, category, tag, page }, filtering);

  const update = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    if (!('page' in next)) merged.delete('page');
    setParams(merged, { replace: true });
  };
  // Typing searches as one pauses; the address follows.
  useEffect(() => {
    if (debounced !== q) update({ q: debounced || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  if (home.isPending) return <BlockLoading />;
  if (home.error) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  const { newest, categories, tags } = home.data;

  return (
    <>
      <PageHeader title="网上微课堂" />
      <Flex vertical gap={12}>
        <Input.Search
          allowClear
          aria-label="搜索课程"
          placeholder="搜索课程、主讲人、讲稿内容"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => {
            setTyped(v);
            update({ q: v.trim() || undefined });
          }}
          maxLength={50}
          enterButton="搜索"
        />
        {categories.length > 0 && (
          <section aria-label="分类">
            <Typography.Text strong>分类</Typography.Text>
            <div className="classroom-chips" style={{ marginTop: 6 }}>
              {categories.map((c) => (
                <Tag.CheckableTag
                  key={c.name}
                  checked={category === c.name}
                  onChange={(on) => update({ category: on ? c.name : undefined })}
                >
                  {c.name}（{c.count}）
                </Tag.CheckableTag>
              ))}
            </div>
          </section>
        )}
        {tags.length > 0 && (
          <section aria-label="专题">
            <Typography.Text strong>专题</Typography.Text>
            <div className="classroom-chips" style={{ marginTop: 6 }}>
              {tags.map((t) => (
                <Tag.CheckableTag
                  key={t.name}
                  checked={tag === t.name}
                  onChange={(on) => update({ tag: on ? t.name : undefined })}
                >
                  {t.name}
                </Tag.CheckableTag>
              ))}
            </div>
          </section>
        )}
        {me?.memberId && !filtering && <MyTasksStrip />}
        {filtering ? (
          <section aria-label="搜索结果">
            {list.isPending ? (
              <BlockLoading />
            ) : list.error ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : list.data.items.length === 0 ? (
              <EmptyState text={q ? '没有找到相关课程，换个词试试' : '这里还没有课程'} />
            ) : (
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">共 {list.data.total} 门课程</Typography.Text>
                <LectureList items={list.data.items} />
                {list.data.total > list.data.pageSize && (
                  <Pagination
                    simple
                    align="center"
                    current={list.data.page}
                    pageSize={list.data.pageSize}
                    total={list.data.total}
                    onChange={(p) => update({ page: String(p) })}
                  />
                )}
              </Flex>
            )}
          </section>
        ) : (
          <section aria-label="最新">
            <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
              最新
            </Typography.Title>
            {newest.length === 0 ? <EmptyState text="还没有发布的课程" /> : <LectureList items={newest} />}
          </section>
        )}
      </Flex>
    </>
  );
}
