import { Link } from 'react-router-dom';
import { coverageRate, formatCoverageRate, type DashboardChild } from '@jiangtai/contracts';
import { coverageBands, coverageColor, noMembersColor } from '../measures.ts';

/** A map-like grid of the child orgs coloured by coverage, with its legend; a tile opens the org. */
export function CoverageTiles({ items, to }: { items: DashboardChild[]; to: (orgId: string) => string }) {
  return (
    <>
      <div className="jt-dash-tiles" data-testid="dashboard-tiles">
        {items.map((c) => (
          <Link
            key={c.org.id}
            to={to(c.org.id)}
            className="jt-dash-tile"
            style={{ background: coverageColor(coverageRate(c.numbers.coverage)) }}
          >
            <b>{formatCoverageRate(c.numbers.coverage)}</b>
            {c.org.name}
          </Link>
        ))}
      </div>
      <div className="jt-dash-legend" aria-label="颜色说明">
        {coverageBands.map((b) => (
          <span key={b.label}>
            <i style={{ background: b.color }} />
            {b.label}
          </span>
        ))}
        <span>
          <i style={{ background: noMembersColor }} />
          无党员
        </span>
      </div>
    </>
  );
}
