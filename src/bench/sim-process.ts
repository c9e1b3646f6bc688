/** The simulator in a child process (`sim-worker.ts`), seen from the benchmark. */
import type { SimulatorStats } from '../simulator/index.js';
import { forkBenchScript } from './child.js';
import type { SimProcessOptions } from './sim-options.js';

export interface SimulatorProcess {
  url: string;
  baseUrls: { openai: string; anthropic: string; google: string };
  /** Generated tool pages (`/tools/N`), when asked for with `pages: true`. */
  pagesUrl: string | undefined;
  stats(): Promise<SimulatorStats>;
  close(): Promise<void>;
}

export async function startSimulatorProcess(options: SimProcessOptions): Promise<SimulatorProcess> {
  const child = forkBenchScript('sim-worker.ts', [JSON.stringify(options)]);
  try {
    const ready = await child.next<{ url: string; baseUrls: SimulatorProcess['baseUrls']; pagesUrl?: string }>('ready', 60_000);
    return {
      url: ready.url,
      baseUrls: ready.baseUrls,
      pagesUrl: ready.pagesUrl,
      stats: async () => {
        const reply = child.next<{ stats: SimulatorStats }>('stats', 10_000);
        child.send({ type: 'stats' });
        return (await reply).stats;
      },
      close: () => child.stop(),
    };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
