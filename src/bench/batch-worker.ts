/**
 * Child-process script for the memory figure: one batch of generated tools against a
 * zero-latency simulator (itself in another child), alone in this process so the peak RSS is
 * the batch's own. Samples RSS as tools finish; sends `{type: 'result', ...}` over IPC.
 * Arguments: JSON `BatchWorkerInput` in argv[2].
 */
import { runBenchBatch } from './batch-run.js';
import { peakRssMb, rssMb } from './memory.js';
import { toolUrls } from './pages.js';
import type { BaseUrls } from './setup.js';

export interface BatchWorkerInput {
  baseUrls: BaseUrls;
  pagesUrl: string;
  tools: number;
  concurrency: number;
  dir: string;
}

export interface BatchWorkerResult {
  type: 'result';
  tools: number;
  reviewed: number;
  failed: number;
  wallMs: number;
  /** RSS before the batch started (modules loaded, nothing run). */
  startRssMb: number;
  /** Kernel high-water mark over the whole process life (VmHWM), or the sampled max. */
  peakRssMb: number;
  /** [tools done, RSS MB, V8 heap used MB] every ~2% of the run. */
  samples: Array<[number, number, number]>;
  /**
   * V8 heap in use after a full GC when the last tool finished, with the run still alive (a
   * leak tied to the run shows here; garbage not yet collected does not). Needs --expose-gc.
   */
  retainedHeapMb: number | null;
  integrityOk: boolean;
  lost: number;
  duplicated: number;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as BatchWorkerInput;
  const startRssMb = rssMb();
  const heapMb = () => Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
  const samples: Array<[number, number, number]> = [[0, startRssMb, heapMb()]];
  const every = Math.max(1, Math.floor(input.tools / 50));
  let done = 0;
  let retainedHeapMb: number | null = null;
  let sampledMax = startRssMb;
  const sampler = setInterval(() => (sampledMax = Math.max(sampledMax, rssMb())), 100);
  const { report, integrity } = await runBenchBatch({
    baseUrls: input.baseUrls,
    targets: toolUrls(input.pagesUrl, input.tools),
    dir: input.dir,
    requestsPerMinute: 1e9,
    concurrency: input.concurrency,
    onEvent: (event) => {
      if (event.event !== 'tool-done' && event.event !== 'tool-failed') return;
      done += 1;
      if (done % every === 0 || done === input.tools) samples.push([done, Math.round(rssMb() * 10) / 10, heapMb()]);
      const gc = (globalThis as { gc?: () => void }).gc;
      if (done === input.tools && gc) {
        sampledMax = Math.max(sampledMax, rssMb());
        gc();
        retainedHeapMb = heapMb();
      }
    },
  });
  clearInterval(sampler);
  const result: BatchWorkerResult = {
    type: 'result',
    tools: input.tools,
    reviewed: report.tools.reviewed,
    failed: report.tools.failed,
    wallMs: report.wallMs,
    startRssMb,
    peakRssMb: peakRssMb() ?? Math.max(sampledMax, ...samples.map(([, mb]) => mb)),
    samples,
    retainedHeapMb,
    integrityOk: integrity.ok,
    lost: integrity.lost,
    duplicated: integrity.duplicated,
  };
  process.send?.(result, () => process.exit(0));
}

await main();
