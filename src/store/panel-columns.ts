/**
 * A panel as the query columns of the reviews table: one mapping for insert and update, and
 * back. The columns predate panels with no answer and are NOT NULL: such a panel is stored as
 * 'mixed', 0 %, mean 0 — and since its ship and skip counts are both 0, which no answered panel
 * has, it is read back as what it is: no verdict, no share, no mean.
 */
import { panelLabel } from '../aggregate/index.js';
import type { Panel } from '../schemas.js';

export function panelColumns(panel: Panel) {
  return {
    verdict: panel.verdict ?? 'mixed',
    label: panel.label,
    ship: panel.ship,
    skip: panel.skip,
    shipPercent: panel.shipPercent ?? 0,
    meanScore: panel.meanScore ?? 0,
    complete: panel.complete ? 1 : 0,
  };
}

export interface StoredPanelColumns {
  verdict: NonNullable<Panel['verdict']>;
  label: string;
  ship_count: number;
  skip_count: number;
  ship_percent: number;
  mean_score: number;
  complete: number;
}

export function panelFromColumns(row: StoredPanelColumns): Panel {
  if (row.ship_count + row.skip_count === 0) {
    // Also relabels drafts saved before "no verdict" existed ("Mixed · 0 ship / 0 skip").
    return { verdict: null, label: panelLabel(null, 0, 0), ship: 0, skip: 0, shipPercent: null, meanScore: null, complete: false };
  }
  return {
    verdict: row.verdict,
    label: row.label,
    ship: row.ship_count,
    skip: row.skip_count,
    shipPercent: row.ship_percent,
    meanScore: row.mean_score,
    complete: row.complete === 1,
  };
}
