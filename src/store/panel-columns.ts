/** A panel as the query columns of the reviews table: one mapping for insert and update. */
import type { Panel } from '../schemas.js';

export function panelColumns(panel: Panel) {
  return {
    verdict: panel.verdict,
    label: panel.label,
    ship: panel.ship,
    skip: panel.skip,
    shipPercent: panel.shipPercent,
    meanScore: panel.meanScore,
    complete: panel.complete ? 1 : 0,
  };
}
