import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { App, Checkbox, Flex, Tag, Tree, type GetRef, type TreeDataNode } from 'antd';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../../lib/api.ts';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { fetchChildren, fetchOrg, orgKeys, useOrgRoots, type OrgNode } from '../api.ts';

export interface OrgTreeHandle {
  /** Expand the path to an org and select it (after a search, a move, or a deep link). */
  reveal: (id: string) => Promise<void>;
}

function NodeTitle({ node }: { node: OrgNode }) {
  return (
    <span>
      {node.name}
      <span style={{ color: '#595959', fontSize: 12, marginInlineStart: 4 }}>{node.memberCount}人</span>
      {!node.active && (
        <Tag style={{ marginInlineStart: 4 }} color="default">
          停用
        </Tag>
      )}
    </span>
  );
}

/** The organisation tree: lazily loaded one level at a time, with a search that jumps to a node. */
export function OrgTree({
  selectedId,
  onSelect,
  height,
  ref,
}: {
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  height?: number;
  ref?: Ref<OrgTreeHandle>;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [expanded, setExpanded] = useState<string[]>([]);
  const roots = useOrgRoots();
  // Open the top level once, so the tree never starts as a single closed node.
  const [openedRoots, setOpenedRoots] = useState(false);
  if (!openedRoots && roots.data) {
    setOpenedRoots(true);
    if (roots.data.length <= 3)
      setExpanded((prev) => [
        ...new Set([...prev, ...roots.data.filter((r) => r.childCount > 0).map((r) => r.id)]),
      ]);
  }

  const childQueries = useQueries({
    queries: expanded.map((id) => ({
      queryKey: orgKeys.children(id, includeInactive),
      queryFn: () => fetchChildren(id, includeInactive),
    })),
  });
  const childrenOf = new Map<string, OrgNode[]>();
  expanded.forEach((id, i) => {
    const data = childQueries[i]?.data;
    if (data) childrenOf.set(id, data);
  });

  const build = (nodes: OrgNode[]): TreeDataNode[] =>
    nodes.map((n) => {
      const kids = childrenOf.get(n.id);
      return {
        key: n.id,
        title: <NodeTitle node={n} />,
        isLeaf: n.childCount === 0,
        children: kids ? build(kids) : undefined,
      };
    });

  const loadChildren = (id: string) =>
    qc.fetchQuery({
      queryKey: orgKeys.children(id, includeInactive),
      queryFn: () => fetchChildren(id, includeInactive),
    });

  const reveal = async (id: string) => {
    try {
      const detail = await qc.fetchQuery({ queryKey: orgKeys.detail(id), queryFn: () => fetchOrg(id) });
      const rootIds = new Set((roots.data ?? []).map((r) => r.id));
      const path: string[] = [];
      for (const a of detail.ancestors) if (path.length > 0 || rootIds.has(a.id)) path.push(a.id);
      await Promise.all(path.map((p) => loadChildren(p)));
      setExpanded((prev) => [...new Set([...prev, ...path])]);
      onSelect(id);
      setTimeout(() => treeRef.current?.scrollTo({ key: id, align: 'top' }), 50);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  useImperativeHandle(ref, () => ({ reveal }));

  return (
    <Flex vertical gap={8}>
      <OrgSearchSelect
        aria-label="搜索组织"
        placeholder="搜索组织，跳转到该节点"
        value={undefined}
        onChange={(id) => id && void reveal(id)}
        style={{ width: '100%' }}
      />
      <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
        显示已停用的组织
      </Checkbox>
      <div data-testid="org-tree">
        {roots.isPending ? (
          <BlockLoading rows={6} />
        ) : roots.error ? (
          <ErrorState error={roots.error} onRetry={() => void roots.refetch()} />
        ) : roots.data.length === 0 ? (
          <EmptyState text="您的账号下还没有可查看的组织。请联系系统管理员授予角色，或从 Excel 导入组织架构。" />
        ) : (
          <Tree
            ref={treeRef}
            blockNode
            showLine
            height={height}
            treeData={build(roots.data)}
            expandedKeys={expanded}
            selectedKeys={selectedId ? [selectedId] : []}
            onExpand={(keys) => setExpanded(keys.map(String))}
            loadData={async (node) => {
              await loadChildren(String(node.key));
            }}
            onSelect={(keys) => {
              const key = keys[0];
              if (key !== undefined) onSelect(String(key));
            }}
          />
        )}
      </div>
    </Flex>
  );
}
