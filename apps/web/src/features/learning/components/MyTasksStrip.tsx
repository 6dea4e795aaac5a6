import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../lib/format.ts';
import { useMyLearningTasks } from '../api.ts';

/** The classroom home's 我的学习任务: unfinished tasks first, each with how many lectures remain. Nothing when none. */
export function MyTasksStrip() {
  const { data } = useMyLearningTasks();
  const open = (data ?? []).filter((t) => !t.completed);
  if (open.length === 0) return null;
  return (
    <section aria-label="我的学习任务">
      <Flex justify="space-between" align="baseline">
        <Typography.Text strong>我的学习任务</Typography.Text>
        <Link to="/my-learning">全部</Link>
      </Flex>
      <Flex vertical gap={8} style={{ marginTop: 6 }}>
        {open.map((t) => {
          const left = t.lectures.filter((l) => l.counting && !l.completed);
          return (
            <Card key={t.id} size="small">
              <Flex justify="space-between" gap={8} wrap="wrap">
                <Typography.Text>{t.title}</Typography.Text>
                <Tag color="processing">还有 {left.length} 节未学完</Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t.org.name}下达 · 截止 {formatDate(t.dueOn)}
              </Typography.Text>
              <Flex vertical gap={2} style={{ marginTop: 4 }}>
                {left.map((l) => (
                  <Link key={l.id} to={`/classroom/lectures/${l.id}`}>
                    {l.title}
                  </Link>
                ))}
              </Flex>
            </Card>
          );
        })}
      </Flex>
    </section>
  );
}
