/**
 * Engine cost: CPU per review at zero model latency, and the peak resident memory of a batch as
 * it grows. Everything runs in child processes so no figure counts another's work: the
 * simulator (zero latency, which also serves the generated tool pages) in one, the measured
 * engine in another (`cpu-worker.ts`, `batch-worker.ts`), one fresh process per batch size.
 *
 * CPU: `process.cpuUsage()` around N sequential `runReview`s of the Aider landing page (a
 * 30 kB local HTML file: intake, one profile call, four persona calls, aggregation, no save),
 * after a warm-up; the worker then measures intake alone and one call per model, so the
 * figure comes with where it goes.
 *
 * Memory: a batch of N generated tool pages served over loopback (the production path: a list
 * of URLs), 8 tools at a time under rate limits it never reaches, in a fresh process; the peak
 * is the kernel's high-water mark (VmHWM). Growth is the larger batch's peak over
 * the smaller's. The V8 heap still in use after a full GC at the end of each run is reported
 * to tell retention (a leak) from garbage not yet collected.
 */
import path from 'node:path';
import type { BatchWorkerResult } from './batch-worker.js';
import { forkBenchScript } from './child.js';
import type { CpuWorkerResult } from './cpu-worker.js';
import { figure, type Figure } from './figures.js';
import { projectPaths } from '../paths.js';
import { startSimulatorProcess } from './sim-process.js';
import { scratchDir, type BaseUrls } from './setup.js';
import { round, sum } from './stats.js';

const BENCHMARK = 'engine cost';
const CPU_TARGET_MS = 5;
/** Issue 11: the engine at most as costly as the libraries it is built on. */
const CPU_FLOOR_RATIO_TARGET = 1.0;
const RSS_TARGET_MB = 200;
/** "Flat as the batch grows": the larger batch's peak at most this much above the smaller's. */
export const FLAT_GROWTH_PERCENT = 10;
/**
 * The V8 heap bound `npm run batch` runs with (package.json's batch script; a test keeps the
 * two the same). Heap in use after a full GC stays 40–70 MB however long the batch, but V8
 * lets an unbounded heap grow towards its default ceiling first, which was most of a 10,000-tool
 * batch's 400+ MB peak. The judged memory runs use these flags, as production does.
 */
export const BATCH_NODE_FLAGS = ['--max-old-space-size=96', '--max-semi-space-size=4'] as const;
export const CPU_PAGE = path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html');

export interface EngineCostOptions {
  reviews: number;
  warmup: number;
  /** Batch sizes, smaller first (1,000 and 10,000 by default). */
  batchSizes: [number, number];
  concurrency: number;
  /** Also run the smaller batch with V8's default heap (no BATCH_NODE_FLAGS), for comparison. */
  capped: boolean;
  log: (line: string) => void;
}

export interface CpuBreakdown {
  intakeMs: number;
  callsMs: number;
  restMs: number;
}

/** Where a review's CPU goes: intake, the model calls it makes, and everything else. */
export function cpuBreakdown(result: Pick<CpuWorkerResult, 'cpuMsPerReview' | 'cpuMsPerIntake' | 'cpuMsPerCall' | 'callsPerReview'>): CpuBreakdown {
  const callsMs = sum(Object.entries(result.callsPerReview).map(([spec, calls]) => calls * (result.cpuMsPerCall[spec] ?? 0)));
  return {
    intakeMs: round(result.cpuMsPerIntake, 2),
    callsMs: round(callsMs, 2),
    restMs: round(result.cpuMsPerReview - result.cpuMsPerIntake - callsMs, 2),
  };
}

export const growthPercent = (smallerPeakMb: number, largerPeakMb: number): number => ((largerPeakMb - smallerPeakMb) / smallerPeakMb) * 100;

export interface MemoryRun {
  tools: number;
  peakRssMb: number;
  startRssMb: number;
  retainedHeapMb: number | null;
  wallMs: number;
  integrityOk: boolean;
  /** The run without BATCH_NODE_FLAGS, reported for comparison only. */
  uncapped?: true;
  samples: Array<[number, number, number]>;
}

export interface EngineCostDetails {
  cpu: CpuWorkerResult & { breakdown: CpuBreakdown; page: string };
  memory: MemoryRun[];
}

const calls = (cpu: CpuWorkerResult) => sum(Object.values(cpu.callsPerReview));
const rawCallsMs = (cpu: CpuWorkerResult) => sum(Object.entries(cpu.callsPerReview).map(([spec, count]) => count * (cpu.cpuMsPerRawCall[spec] ?? 0)));

export function engineFigures(details: EngineCostDetails): Figure[] {
  const { cpu } = details;
  const { breakdown } = cpu;
  const out: Figure[] = [
    figure({
      id: 'engine-cost.cpu', benchmark: BENCHMARK, label: `CPU ms per review, zero latency (${cpu.reviews} reviews)`,
      value: round(cpu.cpuMsPerReview, 2), unit: 'ms', target: { op: '<', value: CPU_TARGET_MS },
      note: `intake ${breakdown.intakeMs} ms (HTML parse, readable text, injection scan) + ${calls(cpu)} SDK calls ${breakdown.callsMs} ms (request, loopback HTTP, response) + the rest ${breakdown.restMs} ms`,
    }),
    figure({
      id: 'engine-cost.cpu-floor-ratio', benchmark: BENCHMARK, label: 'CPU per review ÷ raw-SDK + cheerio floor, same run',
      value: round(cpu.cpuMsPerReview / cpu.cpuMsPerFloor, 3), unit: '×', target: { op: '<=', value: CPU_FLOOR_RATIO_TARGET },
      note: `engine ${round(cpu.cpuMsPerReview, 2)} ms vs floor ${round(cpu.cpuMsPerFloor, 2)} ms (cheerio.load ${round(cpu.cpuMsPerParse, 2)} ms + ${calls(cpu)} plain SDK calls ${round(rawCallsMs(cpu), 2)} ms); our calls ${breakdown.callsMs} ms, our intake ${breakdown.intakeMs} ms`,
    }),
    figure({ id: 'engine-cost.cpu-floor', benchmark: BENCHMARK, label: 'floor: CPU ms of cheerio.load + the same calls through plain SDK clients', value: round(cpu.cpuMsPerFloor, 2), unit: 'ms' }),
    figure({ id: 'engine-cost.cpu-grounded', benchmark: BENCHMARK, label: 'CPU ms per review with grounding on (more calls)', value: round(cpu.cpuMsPerReviewGrounded, 2), unit: 'ms' }),
    figure({ id: 'engine-cost.cpu-saved', benchmark: BENCHMARK, label: 'CPU ms per review with its draft saved', value: round(cpu.cpuMsPerReviewSaved, 2), unit: 'ms' }),
  ];
  const [smaller, larger] = details.memory.filter((run) => run.uncapped !== true);
  const heap = (run: MemoryRun) => (run.retainedHeapMb === null ? '' : `; V8 heap in use after a full GC at the end: ${round(run.retainedHeapMb, 1)} MB`);
  const rssNote = (run: MemoryRun) => `${round(run.startRssMb, 0)} MB before the first tool (Node, SDKs loaded), ${BATCH_NODE_FLAGS.join(' ')}${heap(run)}`;
  for (const run of [smaller, larger]) {
    if (run === undefined) continue;
    out.push(figure({
      id: `engine-cost.rss-${run.tools}`, benchmark: BENCHMARK, label: `peak RSS, ${run.tools.toLocaleString('en-US')}-tool batch`,
      value: round(run.peakRssMb, 1), unit: 'MB', target: { op: '<', value: RSS_TARGET_MB }, note: rssNote(run),
    }));
  }
  if (smaller && larger) {
    const retained = smaller.retainedHeapMb !== null && larger.retainedHeapMb !== null
      ? `; heap retained after GC ${round(smaller.retainedHeapMb, 1)} → ${round(larger.retainedHeapMb, 1)} MB`
      : '';
    out.push(figure({
      id: 'engine-cost.rss-growth', benchmark: BENCHMARK, label: `peak RSS growth, ${smaller.tools.toLocaleString('en-US')} → ${larger.tools.toLocaleString('en-US')} tools`,
      value: round(growthPercent(smaller.peakRssMb, larger.peakRssMb), 1), unit: '%', target: { op: '<=', value: FLAT_GROWTH_PERCENT },
      note: `${round(smaller.peakRssMb, 0)} → ${round(larger.peakRssMb, 0)} MB${retained}`,
    }));
  }
  for (const run of details.memory.filter((each) => each.uncapped === true)) {
    out.push(figure({
      id: 'engine-cost.rss-uncapped', benchmark: BENCHMARK, label: `peak RSS, ${run.tools.toLocaleString('en-US')} tools, V8's default heap`,
      value: round(run.peakRssMb, 1), unit: 'MB',
    }));
  }
  const broken = details.memory.filter((run) => !run.integrityOk).length;
  if (broken > 0) {
    out.push(figure({ id: 'engine-cost.batch-integrity', benchmark: BENCHMARK, label: 'memory batches with a tool lost or reviewed twice', value: broken, unit: '', target: { op: '<=', value: 0 } }));
  }
  return out;
}

async function runCpu(baseUrls: BaseUrls, options: EngineCostOptions): Promise<CpuWorkerResult> {
  const scratch = scratchDir('cpu');
  const child = forkBenchScript('cpu-worker.ts', [JSON.stringify({ baseUrls, page: CPU_PAGE, reviews: options.reviews, warmup: options.warmup, dir: scratch.dir })]);
  try {
    return await child.next<CpuWorkerResult>('result');
  } finally {
    await child.stop();
    scratch.remove();
  }
}

async function runMemory(baseUrls: BaseUrls, pagesUrl: string, tools: number, options: EngineCostOptions, uncapped = false): Promise<MemoryRun> {
  const scratch = scratchDir('memory');
  const nodeArgs = ['--expose-gc', ...(uncapped ? [] : BATCH_NODE_FLAGS)];
  const child = forkBenchScript('batch-worker.ts', [JSON.stringify({ baseUrls, pagesUrl, tools, concurrency: options.concurrency, dir: scratch.dir })], nodeArgs);
  try {
    const result = await child.next<BatchWorkerResult>('result');
    options.log(`  … ${tools} tools${uncapped ? " (V8's default heap)" : ''} in ${Math.round(result.wallMs / 1000)} s, peak RSS ${round(result.peakRssMb, 0)} MB`);
    return {
      tools,
      peakRssMb: result.peakRssMb,
      startRssMb: result.startRssMb,
      retainedHeapMb: result.retainedHeapMb,
      wallMs: result.wallMs,
      integrityOk: result.integrityOk && result.reviewed === tools,
      ...(uncapped ? { uncapped: true as const } : {}),
      samples: result.samples,
    };
  } finally {
    await child.stop();
    scratch.remove();
  }
}

export async function benchEngineCost(options: EngineCostOptions): Promise<{ figures: Figure[]; details: EngineCostDetails }> {
  const simulator = await startSimulatorProcess({ latencyMs: 0, pages: true });
  try {
    options.log(`engine cost: CPU of ${options.reviews} reviews at zero latency`);
    const cpu = await runCpu(simulator.baseUrls, options);
    const memory: MemoryRun[] = [];
    for (const tools of options.batchSizes) {
      options.log(`engine cost: peak RSS of a ${tools}-tool batch`);
      memory.push(await runMemory(simulator.baseUrls, simulator.pagesUrl as string, tools, options));
    }
    if (options.capped) memory.push(await runMemory(simulator.baseUrls, simulator.pagesUrl as string, options.batchSizes[0], options, true));
    const details: EngineCostDetails = { cpu: { ...cpu, breakdown: cpuBreakdown(cpu), page: path.relative(projectPaths.fixtures, CPU_PAGE) }, memory };
    return { figures: engineFigures(details), details };
  } finally {
    await simulator.close();
  }
}
