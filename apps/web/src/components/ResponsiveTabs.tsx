import { useId, type ReactNode } from 'react';
import { Button, Grid, Tabs, type TabsProps } from 'antd';
import './responsive.css';

export interface ResponsiveTab {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

/**
 * antd Tabs on wide screens. Below 768 px (phones, small tablets: where the tab strip would overflow)
 * every tab is a button in a wrapping grid, so none hides behind a 「…」 menu; only the active tab's
 * content is rendered.
 */
export function ResponsiveTabs({
  items,
  activeKey,
  onChange,
  ...rest
}: Omit<TabsProps, 'items' | 'activeKey' | 'onChange'> & {
  items: ResponsiveTab[];
  activeKey: string;
  onChange: (key: string) => void;
}) {
  const narrow = Grid.useBreakpoint().md === false;
  const id = useId();
  if (!narrow) return <Tabs {...rest} activeKey={activeKey} onChange={onChange} items={items} />;
  const active = items.find((t) => t.key === activeKey) ?? items[0];
  return (
    <>
      <div role="tablist" className="jt-tabbar">
        {items.map((t) => (
          <Button
            key={t.key}
            role="tab"
            id={`${id}-tab-${t.key}`}
            aria-selected={t.key === active?.key}
            aria-controls={`${id}-panel`}
            type={t.key === active?.key ? 'primary' : 'default'}
            onClick={() => onChange(t.key)}
          >
            {t.label}
          </Button>
        ))}
      </div>
      {active && (
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${active.key}`}>
          {active.children}
        </div>
      )}
    </>
  );
}
