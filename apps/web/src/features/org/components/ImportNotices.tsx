import { Alert, Space, Tag } from 'antd';
import { importNoticeKindLabels, type ImportNotice } from '@jiangtai/contracts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

const KIND_COLORS: Record<ImportNotice['kind'], string> = {
  header: 'blue',
  normalised: 'green',
  ignored_column: 'orange',
  formula: 'gold',
};

/**
 * What the import read differently from how the file was written (header below a title row,
 * 全角数字 normalised, columns not imported, formulas taken by their value), so the uploader can
 * check it. `count` is the total; the server sends the first 1000.
 */
export function ImportNotices({ notices, count }: { notices: ImportNotice[]; count: number }) {
  if (count === 0) return null;
  const shown = notices.length < count ? `（下面列出前 ${notices.length} 处）` : '';
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
      <Alert
        type="warning"
        showIcon
        title={`导入时对文件做了 ${count} 处处理，请核对${shown}`}
        description="包括：表头不在第 1 行、自动规范的单元格（如全角数字、手机号中的空格和短横线）、模板以外未导入的列、按显示值导入的公式单元格。"
      />
      <ResponsiveTable<ImportNotice>
        data-testid="import-notices"
        size="small"
        rowKey={(r) => `${r.kind}-${r.sheet}-${r.row}-${r.column}-${r.message}`}
        dataSource={notices}
        scroll={{ x: 'max-content' }}
        pagination={notices.length > 50 ? { pageSize: 50, showTotal: (t) => `共 ${t} 处` } : false}
        columns={[
          {
            title: '类型',
            dataIndex: 'kind',
            width: 100,
            card: 'extra',
            render: (kind: ImportNotice['kind']) => (
              <Tag color={KIND_COLORS[kind]}>{importNoticeKindLabels[kind]}</Tag>
            ),
          },
          { title: '工作表', dataIndex: 'sheet', width: 80, card: 'title' },
          { title: '行', dataIndex: 'row', width: 60, render: (row: number) => (row > 0 ? row : '') },
          { title: '列', dataIndex: 'column', width: 100 },
          { title: '说明', dataIndex: 'message', card: 'full' },
        ]}
      />
    </Space>
  );
}
