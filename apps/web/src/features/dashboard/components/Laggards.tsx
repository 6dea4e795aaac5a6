import { useState } from 'react';
import { App, Button, Flex, List, Progress, Segmented, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import {
  beijingClock,
  dashboardMeasureLabels,
  dashboardMeasures,
  type DashboardLaggard,
  type DashboardLaggardList,
  type DashboardMeasure,
} from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { useDashboardReminder } from '../api.ts';
import { measureShortLabels } from '../measures.ts';

/**
 * 落后单位: for a chosen measure, the child units and the branches furthest behind, with a one-click
 * in-app reminder to their admins (once a day per org and measure; the server answers 409 to a second).
 * An org without anyone a reminder reaches (`reachable` false) shows a note to phone it instead.
 */
export function Laggards({
  lists,
  campaignId,
  canRemind,
  to,
}: {
  lists: DashboardLaggardList[];
  campaignId: string;
  canRemind: boolean;
  to: (orgId: string) => string;
}) {
  const { message } = App.useApp();
  const measures = dashboardMeasures.filter((m) => lists.some((l) => l.measure === m));
  const [measure, setMeasure] = useState<DashboardMeasure>(measures[0] ?? 'plans');
  const remind = useDashboardReminder(campaignId);
  const [sending, setSending] = useState<string | null>(null);
  const list = lists.find((l) => l.measure === measure);

  const send = (l: DashboardLaggard) => {
    setSending(l.org.id);
    remind.mutate(
      { orgId: l.org.id, measure },
      {
        onSuccess: (r) => void message.success(`已提醒${l.org.name}（${r.sent} 个账号收到站内通知）`),
        // 409: already reminded today, or nobody there has an account to notify (the server says which).
        onError: (e) =>
          e instanceof ApiError && e.status === 409
            ? void message.warning(errorText(e))
            : void message.error(errorText(e)),
        onSettled: () => setSending(null),
      },
    );
  };

  // A unit's parent is the org shown; a branch's is worth naming (it may lie deep in the tree).
  const row = (l: DashboardLaggard) => (
    <List.Item
      key={l.org.id}
      actions={
        canRemind
          ? [
              l.remindedAt ? (
                <Button key="r" size="small" disabled>
                  今日已提醒 {beijingClock(new Date(l.remindedAt))}
                </Button>
              ) : !l.reachable ? (
                // Nobody there has an account a reminder reaches: say so instead of a button the
                // server would refuse. Two short lines keep the row's bar wide on a phone.
                <Typography.Text
                  key="r"
                  type="secondary"
                  title="没有可接收提醒的账号（单位管理员或支部书记），请电话联系"
                  style={{ display: 'inline-block', fontSize: 12, lineHeight: 1.3, textAlign: 'right' }}
                >
                  无可接收账号
                  <br />
                  请电话联系
                </Typography.Text>
              ) : (
                <Button
                  key="r"
                  size="small"
                  icon={<BellOutlined />}
                  loading={sending === l.org.id}
                  disabled={sending !== null && sending !== l.org.id}
                  onClick={() => send(l)}
                  aria-label={`提醒${l.org.name}`}
                >
                  提醒
                </Button>
              ),
            ]
          : undefined
      }
    >
      <div style={{ minWidth: 0, flex: 1 }}>
        <Flex wrap="wrap" gap="0 8px" align="baseline">
          <Link to={to(l.org.id)}>{l.org.name}</Link>
          {l.isBranch && l.parentName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.parentName}
            </Typography.Text>
          )}
        </Flex>
        <Flex gap={8} align="center">
          <Progress
            percent={l.rate}
            showInfo={false}
            size="small"
            style={{ flex: 1, margin: 0 }}
            aria-label={`${l.org.name} ${dashboardMeasureLabels[measure]} ${l.rate}%`}
          />
          <Typography.Text style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {l.done}/{l.of} · {l.rate.toFixed(1)}%
          </Typography.Text>
        </Flex>
      </div>
    </List.Item>
  );

  return (
    <div data-testid="dashboard-laggards">
      <Segmented
        block
        aria-label="落后事项"
        value={measure}
        onChange={(v) => setMeasure(v)}
        options={measures.map((m) => ({ value: m, label: measureShortLabels[m] }))}
        style={{ marginBottom: 8 }}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
        {dashboardMeasureLabels[measure]}：完成比例最低的单位和支部
      </Typography.Text>
      {!list || (list.units.length === 0 && list.branches.length === 0) ? (
        <Typography.Text type="success">各单位都已完成，没有落后的单位</Typography.Text>
      ) : (
        <>
          {list.units.length > 0 && (
            <List
              size="small"
              header={<b>下级单位</b>}
              dataSource={list.units}
              renderItem={row}
              data-testid="laggard-units"
            />
          )}
          {list.branches.length > 0 && (
            <List
              size="small"
              header={<b>党支部</b>}
              dataSource={list.branches}
              renderItem={row}
              data-testid="laggard-branches"
            />
          )}
        </>
      )}
    </div>
  );
}
