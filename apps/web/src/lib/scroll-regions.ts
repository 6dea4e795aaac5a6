/**
 * Tables wider than the screen scroll inside their own box (antd's .ant-table-content). A keyboard
 * user can only scroll such a box when it can take focus, so each one gets tabindex 0 and a name
 * (WCAG 2.1.1; axe rule scrollable-region-focusable). Watches the page for tables added later.
 */
const SELECTOR = '.ant-table-content, .ant-table-body';

function mark(root: ParentNode) {
  for (const el of root.querySelectorAll<HTMLElement>(SELECTOR)) {
    if (el.hasAttribute('tabindex')) continue;
    el.tabIndex = 0;
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', '表格（可左右滚动）');
  }
}

export function installScrollRegions(doc: Document = document) {
  mark(doc);
  new MutationObserver(() => mark(doc)).observe(doc.body, { childList: true, subtree: true });
}
