import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Tag, Tooltip, Typography } from 'antd';
import { UserAddOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import type { JudgeInvite } from '@jiangtai/contracts';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { TempPasswordModal } from '../../../components/TempPasswordModal.tsx';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useJudgeAccounts, useRoundMutations, type PanelJudge, type RoundDetail } from '../api.ts';
import { ReasonModal } from './ReasonModal.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

function AddJudgesModal({ roundId, onClose }: { roundId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const accounts = useJudgeAccounts(roundId);
  const m = useRoundMutations(roundId);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const options = (accounts.data?.items ?? [])
    .filter((a) => !a.onPanel)
    .map((a) => ({ value: a.userId, label: `${a.name}（${a.username}）` }));
  return (
    <Modal
      open
      title="添加评委"
      okText="加入评委组"
      cancelText="取消"
      okButtonProps={{ loading: m.addJudges.isPending, disabled: userIds.length === 0 }}
      onCancel={onClose}
      onOk={() => {
        setError(null);
        m.addJudges.mutate(userIds, {
          onSuccess: () => {
            void message.success(`已加入 ${userIds.length} 位评委`);
            onClose();
          },
          onError: (e) => setError(errorText(e)),
        });
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        从您管理范围内的评委账号中选择；组织本轮评审的人员不能担任本轮评委。找不到的专家请用「邀请新评委」创建账号。
      </Typography.Paragraph>
      {accounts.error ? (
        <Alert type="error" showIcon title={errorText(accounts.error)} />
      ) : (
        <Select
          mode="multiple"
          aria-label="评委账号"
          style={{ width: '100%' }}
          loading={accounts.isPending}
          value={userIds}
          onChange={setUserIds}
          options={options}
          optionFilterProp="label"
          placeholder="输入姓名或登录名查找"
          notFoundContent={accounts.isPending ? '加载中…' : '没有可加入的评委账号'}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

function InviteJudgeModal({
  roundId,
  onClose,
  onInvited,
}: {
  roundId: string;
  onClose: () => void;
  onInvited: (username: string, password: string) => void;
}) {
  const [form] = Form.useForm<JudgeInvite>();
  const m = useRoundMutations(roundId);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title="邀请新评委"
      okText="创建账号并加入"
      cancelText="取消"
      okButtonProps={{ loading: m.invite.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        为评委创建账号并加入本轮评委组。创建后会显示一次临时密码，评委首次登录时须修改密码。
      </Typography.Paragraph>
      <Form<JudgeInvite>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          m.invite.mutate(
            { ...v, phone: v.phone?.trim() || undefined, unitOrgId: v.unitOrgId || undefined },
            {
              onSuccess: (out) => onInvited(out.username, out.temporaryPassword),
              onError: (e) => {
                const rest = applyIssues(form, e, ['displayName', 'username', 'phone', 'unitOrgId']);
                const allBesideFields = e instanceof ApiError && e.issues.length > 0 && rest.length === 0;
                setError(allBesideFields ? null : errorText(e));
              },
            },
          );
        }}
      >
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请填写姓名' },
            { max: 30, message: '姓名不能超过 30 个字' },
          ]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="username"
          label="登录名"
          extra="3–32 位小写字母、数字、下划线、点或连字符，例如 zhang.san"
          rules={[
            { required: true, message: '请填写登录名' },
            {
              pattern: /^[a-z0-9_.-]{3,32}$/,
              message: '登录名应为 3–32 位小写字母、数字、下划线、点或连字符',
            },
          ]}
        >
          <Input autoCapitalize="off" autoCorrect="off" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号（可选）"
          rules={[{ pattern: /^1\d{10}$/, message: '手机号应为 11 位数字' }]}
        >
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Form.Item
          name="unitOrgId"
          label="所在单位（可选）"
          extra="填写后，评委不会被分到本单位的作品（回避）。外请专家可不填。"
        >
          <OrgSearchSelect allowClear aria-label="所在单位" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 「评委组」: the panel with each judge's load, adding, inviting and removing judges. */
export function PanelTab({ detail }: { detail: RoundDetail }) {
  const roundId = detail.round.id;
  const m = useRoundMutations(roundId);
  const manage = detail.canManage && detail.round.state === 'open';
  const [modal, setModal] = useState<'add' | 'invite' | null>(null);
  const [password, setPassword] = useState<{ username: string; password: string } | null>(null);
  const [removing, setRemoving] = useState<PanelJudge | null>(null);
  const [removed, setRemoved] = useState<{
    name: string;
    released: number;
    reassigned: number;
    problems: string[];
  } | null>(null);

  return (
    <>
      {manage && (
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<UsergroupAddOutlined />} onClick={() => setModal('add')}>
            添加评委
          </Button>
          <Button icon={<UserAddOutlined />} onClick={() => setModal('invite')}>
            邀请新评委
          </Button>
        </Flex>
      )}
      {removed && (
        <Alert
          type={removed.problems.length ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setRemoved(null)}
          title={`${removed.name} 已退出评委组：收回 ${removed.released} 份未提交的评审任务，重新分配 ${removed.reassigned} 份`}
          description={
            removed.problems.length ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {removed.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <ResponsiveTable<PanelJudge>
        aria-label="评委组"
        size="small"
        rowKey="userId"
        dataSource={detail.panel}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '评委组还没有评委' }}
        columns={[
          {
            title: '姓名',
            key: 'name',
            render: (_: unknown, j) => (
              <Flex wrap gap={4} align="center">
                <span>{j.name}</span>
                {j.pendingFirstLogin && <Tag color="orange">首次登录未完成</Tag>}
                {!j.hasUnit && (
                  <Tooltip title="未关联参赛单位（或所在单位是本轮范围的上级），只按评委自己的声明回避">
                    <Tag>不按单位回避</Tag>
                  </Tooltip>
                )}
              </Flex>
            ),
          },
          { title: '登录名', dataIndex: 'username' },
          { title: '已分配', dataIndex: 'assigned', align: 'right' },
          { title: '已提交', dataIndex: 'submitted', align: 'right' },
          {
            title: '状态',
            key: 'state',
            card: 'extra',
            render: (_: unknown, j) =>
              j.active ? (
                <Tag color="green">在组</Tag>
              ) : (
                <span>
                  <Tag>已退出</Tag>
                  {j.leftReason && <Typography.Text type="secondary">（{j.leftReason}）</Typography.Text>}
                </span>
              ),
          },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, j: PanelJudge) =>
                    j.active ? (
                      <Button
                        size="small"
                        danger
                        onClick={() => setRemoving(j)}
                        aria-label={`退出评委组 ${j.name}`}
                      >
                        退出评委组
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {modal === 'add' && <AddJudgesModal roundId={roundId} onClose={() => setModal(null)} />}
      {modal === 'invite' && (
        <InviteJudgeModal
          roundId={roundId}
          onClose={() => setModal(null)}
          onInvited={(username, pw) => {
            setModal(null);
            setPassword({ username, password: pw });
          }}
        />
      )}
      <TempPasswordModal
        open={!!password}
        username={password?.username ?? ''}
        password={password?.password ?? null}
        onClose={() => setPassword(null)}
      />
      <ReasonModal
        open={!!removing}
        title={`${removing?.name ?? ''} 退出评委组`}
        okText="确定退出"
        label="退出原因"
        danger
        description="该评委未提交的作品会重新分配给其他评委，已提交的评分保留。"
        placeholder="例如：因工作冲突无法参加评审"
        onClose={() => setRemoving(null)}
        onSubmit={async (reason) => {
          const j = removing!;
          const out = await m.removeJudge.mutateAsync({ userId: j.userId, reason });
          setRemoved({
            name: j.name,
            released: out.released,
            reassigned: out.reassigned,
            problems: out.problems,
          });
        }}
      />
    </>
  );
}
