import { useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { orgTypeLabels, type OrgType } from '@jiangtai/contracts';
import { apiGet, qs } from '../lib/api.ts';
import { useDebounced } from '../lib/useDebounced.ts';

export interface OrgSearchHit {
  id: string;
  name: string;
  type: OrgType;
  pathNames: string;
}

export function useOrgSearch(q: string) {
  const term = useDebounced(q.trim(), 300);
  return useQuery({
    queryKey: ['orgs', 'search', term],
    queryFn: ({ signal }) => apiGet<{ items: OrgSearchHit[] }>(`/api/orgs/search${qs({ q: term })}`, signal),
    enabled: term.length > 0,
    staleTime: 60_000,
  });
}

interface OrgOption {
  value: string;
  label: string;
  hit?: OrgSearchHit;
}

type Props = Omit<
  SelectProps<string, OrgOption>,
  'options' | 'onSearch' | 'showSearch' | 'filterOption' | 'onChange'
> & {
  value?: string;
  onChange?: (value: string | undefined, hit?: OrgSearchHit) => void;
  /** Shown for the current value before any search (e.g. the org's name). */
  initialLabel?: string;
  /** Ids that may not be chosen (e.g. a node and its own subtree when moving). */
  excludeIds?: readonly string[];
};

/** Choose an organisation by typing part of its name (searches the server within the viewer's scope). */
export function OrgSearchSelect({ value, onChange, initialLabel, excludeIds, placeholder, ...rest }: Props) {
  const [q, setQ] = useState('');
  const search = useOrgSearch(q);
  const hits = (search.data?.items ?? []).filter((h) => !excludeIds?.includes(h.id));
  const options: OrgOption[] = hits.map((h) => ({ value: h.id, label: h.name, hit: h }));
  if (value && initialLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: initialLabel });
  return (
    <Select<string, OrgOption>
      {...rest}
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={placeholder ?? '输入组织名称搜索'}
      loading={search.isFetching}
      notFoundContent={
        q.trim() ? (search.isFetching ? '搜索中…' : '没有找到匹配的组织') : '请输入组织名称的一部分'
      }
      options={options}
      optionRender={(opt) => (
        <div>
          <div>{opt.label}</div>
          {opt.data.hit && (
            <div style={{ fontSize: 12, color: '#595959', whiteSpace: 'normal' }}>
              {orgTypeLabels[opt.data.hit.type]} · {opt.data.hit.pathNames}
            </div>
          )}
        </div>
      )}
      onChange={(v: string | undefined) =>
        onChange?.(
          v,
          hits.find((h) => h.id === v),
        )
      }
    />
  );
}
