import { Flex, Tag, Tooltip } from 'antd';
import { entryMaterialLabels, type Completeness } from '@jiangtai/contracts';

/** One tag per material the campaign asks for: 齐 / 缺 / 有提示. */
export function CompletenessTags({ completeness }: { completeness: Completeness }) {
  const shown = completeness.items.filter((i) => i.requirement !== 'unused');
  return (
    <Flex wrap="wrap" gap={4} aria-label={completeness.summary}>
      {shown.map((i) => {
        const label = entryMaterialLabels[i.material].replace('（盖章扫描件）', '');
        if (i.status === 'ok')
          return (
            <Tag key={i.material} color="success">
              {label}
            </Tag>
          );
        if (i.status === 'warn')
          return (
            <Tooltip key={i.material} title={i.warnings.join('；')}>
              <Tag color="warning">{label}有提示</Tag>
            </Tooltip>
          );
        if (i.status === 'missing')
          return (
            <Tag key={i.material} color="error">
              缺{label}
            </Tag>
          );
        return null;
      })}
    </Flex>
  );
}
