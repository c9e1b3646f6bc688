/**
 * Panel overhead: the wall time of a four-persona panel ÷ its slowest persona call, against a
 * simulator (child process) that answers each persona after a fixed latency — Builder 200 ms,
 * Skeptic 300, Futurist 400, Creator 500 — so a perfectly parallel panel takes 500 ms.
 *
 * Measured: `runReview` of a complete JSON profile file (with the Aider landing page's text), so
 * the profile call is skipped and what remains is intake of the file, the four persona calls
 * through the real SDKs, validation, aggregation. Wall time is `performance.now()` around the
 * whole `runReview`; the figure divides it by the slowest configured latency (500 ms), so SDK
 * and HTTP time per call count as overhead too. The ratio to the slowest call as the engine
 * measured it (which already includes that client time) is reported beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { intake } from '../intake/index.js';
import { projectPaths } from '../paths.js';
import { createEngine } from '../engine/index.js';
import { runReview } from '../review/index.js';
import { figure, type Figure } from './figures.js';
import { startSimulatorProcess } from './sim-process.js';
import { benchConfig, scratchDir } from './setup.js';
import { median, percentile, round } from './stats.js';

export const PANEL_LATENCIES: Record<string, number> = { builder: 200, skeptic: 300, futurist: 400, creator: 500 };
const TARGET = 1.05;
const BENCHMARK = 'panel overhead';

export interface PanelSample {
  /** `runReview` wall time, ms. */
  wallMs: number;
  /** The slowest persona's `latencyMs` as the engine measured it (its askStructured call). */
  slowestCallMs: number;
}

export interface PanelSummary {
  panels: number;
  slowestConfiguredMs: number;
  medianRatio: number;
  p90Ratio: number;
  medianWallMs: number;
  medianSlowestCallMs: number;
  /** Wall ÷ the slowest call as measured: the panel's own scheduling overhead alone. */
  medianRatioToMeasuredCall: number;
  /** The same at p90: issue 11's panel target (the floor is the slowest call as its client saw it). */
  p90RatioToMeasuredCall: number;
  /** Every panel's wall ÷ slowest latency, in run order. */
  ratios: number[];
}

export function summarisePanels(samples: readonly PanelSample[], slowestConfiguredMs: number): PanelSummary {
  const ratios = samples.map((sample) => sample.wallMs / slowestConfiguredMs);
  return {
    panels: samples.length,
    slowestConfiguredMs,
    medianRatio: round(median(ratios), 4),
    p90Ratio: round(percentile(ratios, 90), 4),
    medianWallMs: round(median(samples.map((sample) => sample.wallMs)), 1),
    medianSlowestCallMs: round(median(samples.map((sample) => sample.slowestCallMs)), 1),
    medianRatioToMeasuredCall: round(median(samples.map((sample) => sample.wallMs / sample.slowestCallMs)), 4),
    p90RatioToMeasuredCall: round(percentile(samples.map((sample) => sample.wallMs / sample.slowestCallMs), 90), 4),
    ratios: ratios.map((ratio) => round(ratio, 4)),
  };
}

export function panelFigures(summary: PanelSummary): Figure[] {
  const note = `${summary.panels} panels, median wall ${summary.medianWallMs} ms vs ${summary.slowestConfiguredMs} ms slowest latency`;
  return [
    figure({ id: 'panel-overhead.median', benchmark: BENCHMARK, label: 'wall ÷ slowest persona latency, median', value: summary.medianRatio, unit: '×', target: { op: '<=', value: TARGET }, note }),
    figure({ id: 'panel-overhead.p90', benchmark: BENCHMARK, label: 'wall ÷ slowest persona latency, p90', value: summary.p90Ratio, unit: '×', target: { op: '<=', value: TARGET }, note }),
    figure({ id: 'panel-overhead.measured', benchmark: BENCHMARK, label: 'wall ÷ slowest call as measured, median', value: summary.medianRatioToMeasuredCall, unit: '×' }),
    figure({
      id: 'panel-overhead.measured-p90', benchmark: BENCHMARK, label: 'wall ÷ slowest call as the client measured it, p90', value: summary.p90RatioToMeasuredCall, unit: '×',
      target: { op: '<=', value: TARGET }, note: `median slowest call ${summary.medianSlowestCallMs} ms as measured around the SDK call; the rest of the wall time is the panel's own`,
    }),
  ];
}

/** A complete profile (no profile call needed) carrying a real page's text. */
async function writeProfileFile(dir: string, config: ReturnType<typeof benchConfig>): Promise<string> {
  const page = await intake(path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html'), { config });
  const file = path.join(dir, 'aider-profile.json');
  const profile = {
    name: 'Aider',
    tagline: 'AI pair programming in your terminal',
    description: 'Aider lets you pair program with LLMs to edit code in your local git repository.',
    category: 'Coding Assistants',
    pricing: { entry: 'Open Source', detail: 'Apache-2.0; bring your own model API key' },
    bestFor: 'Developers who work in the terminal and git',
    vendor: 'Aider AI',
    url: 'https://aider.chat/',
    text: page.text,
  };
  fs.writeFileSync(file, JSON.stringify(profile, null, 2));
  return file;
}

export interface PanelOverheadOptions {
  panels: number;
  warmup: number;
  log: (line: string) => void;
}

export async function benchPanelOverhead(options: PanelOverheadOptions): Promise<{ figures: Figure[]; details: PanelSummary }> {
  const simulator = await startSimulatorProcess({ latencyByPersona: PANEL_LATENCIES });
  const scratch = scratchDir('panel');
  try {
    const config = benchConfig(simulator.baseUrls);
    const engine = await createEngine(config);
    const file = await writeProfileFile(scratch.dir, config);
    const samples: PanelSample[] = [];
    for (let index = 0; index < options.warmup + options.panels; index += 1) {
      const started = performance.now();
      const review = await runReview(file, {}, engine);
      const wallMs = performance.now() - started;
      if (!review.panel.complete || review.profileUsage !== undefined || review.reviews.length !== 4) {
        throw new Error('panel overhead: expected a complete four-persona panel and no profile call');
      }
      if (index >= options.warmup) samples.push({ wallMs, slowestCallMs: Math.max(...review.reviews.map((each) => each.latencyMs)) });
    }
    const details = summarisePanels(samples, Math.max(...Object.values(PANEL_LATENCIES)));
    options.log(`panel overhead: ${details.panels} panels, median ${details.medianWallMs} ms`);
    return { figures: panelFigures(details), details };
  } finally {
    scratch.remove();
    await simulator.close();
  }
}
