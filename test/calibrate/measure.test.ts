/**
 * Issue 14's measure: a simulated batch of 80 tools (loopback pages, the three providers on the
 * simulator) with seeded persona biases — Futurist ships 95%, Skeptic 30%, the others 60% —
 * then a seeded editor through the desk (approve most, move some scores across the line, nudge
 * others, reject a few). `calibrate` must recover the configured ship rates, flag the Futurist
 * out of the 20–80% band, and give κ with intervals and n_eff.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCalibrationReport, formatCalibrationText } from '../../src/calibrate/index.js';
import { createDesk } from '../../src/editor/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { openStore } from '../../src/store/index.js';
import { batchCli, batchEnv, fastLimits, startPageServer, tempDir, writeList, type PageServer } from '../batch/support.js';
import { decide } from './fixture.js';

const TOOLS = 80;
const CONFIGURED: Record<string, number> = { Futurist: 0.95, Skeptic: 0.3, Builder: 0.6, Creator: 0.6 };

let simulator: Simulator;
let pages: PageServer;
beforeAll(async () => {
  // The `Persona:` line of prompts/review.md names the persona a call is for; the roster above
  // it names all four, so matching the bare name would bias every persona.
  simulator = await startSimulator({
    personaBias: [
      { match: 'Persona: Futurist', shipRate: 0.95 },
      { match: 'Persona: Skeptic', shipRate: 0.3 },
      { match: '', shipRate: 0.6 },
    ],
  });
  pages = await startPageServer();
});
afterAll(async () => {
  await pages.close();
  await simulator.close();
});

describe('calibrate on a simulated batch with seeded persona biases', () => {
  it('recovers the ship rates, flags the Futurist, and gives κ with intervals and n_eff', async () => {
    const dir = tempDir();
    const env = batchEnv(simulator, dir);
    const run = await batchCli([writeList(dir, pages.urls(TOOLS)), '--rate-limits', fastLimits(dir), '--json'], env);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);

    const store = openStore(path.join(dir, 'panel.db'));
    try {
      const ids = store.listReviews().map((summary) => summary.id).reverse();
      expect(ids).toHaveLength(TOOLS);
      const decisions = decide(createDesk(store, { threshold: 50 }), store, ids);
      const report = buildCalibrationReport(store);

      expect(report.scope).toMatchObject({ reviews: TOOLS, approved: decisions.approved, rejected: decisions.rejected, simulatedIncluded: false });
      expect(report.personas.map((row) => row.name).sort()).toEqual(['Builder', 'Creator', 'Futurist', 'Skeptic']);
      for (const row of report.personas) {
        const configured = CONFIGURED[row.name] as number;
        // Three standard errors of a proportion at n = 80 (0.07 at 95%, 0.15 at 30–60%).
        const tolerance = 3 * Math.sqrt((configured * (1 - configured)) / row.reviews);
        expect(row.reviews).toBe(TOOLS);
        expect(Math.abs((row.shipRate ?? -1) - configured), `${row.name}: ${row.shipRate} vs ${configured}`).toBeLessThanOrEqual(tolerance);
        expect(row.outOfBand).toBe(row.name === 'Futurist');
        expect(row.editors.reviews).toBe(decisions.approved);
        expect(row.editors.kappa.status).toBe('ok');
        expect(row.editors.kappa.n).toBe(decisions.approved);
        expect(row.editors.kappa.low).toBeLessThanOrEqual(row.editors.kappa.value as number);
        expect(row.editors.kappa.high).toBeGreaterThanOrEqual(row.editors.kappa.value as number);
      }
      expect(report.notes.filter((note) => note.kind === 'out-of-band').map((note) => note.text)).toEqual([
        expect.stringMatching(/^Futurist on \S+ ships \d+% of 80 reviews: outside the 20–80% band\.$/),
      ]);
      expect(formatCalibrationText(report)).toMatch(/⚑ Futurist on \S+ ships 9\d% of 80 reviews/);
      expect(report.panel.kappa).toMatchObject({ status: 'ok', n: decisions.approved });
      expect(report.panel.kappa.low).not.toBeNull();
      // The simulator draws each persona's call on its own: close to four independent votes.
      expect(report.independence.reviews).toBe(TOOLS);
      expect(report.independence.effectiveVotes).toBeGreaterThan(3);
      expect(report.independence.effectiveVotes).toBeLessThanOrEqual(4);
    } finally {
      store.close();
    }
  }, 300_000);
});
