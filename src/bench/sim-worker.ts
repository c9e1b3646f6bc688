/**
 * Child-process script: the provider simulator for a benchmark, in its own process so its CPU
 * and memory are never counted as the engine's. Started by `sim-process.ts` with
 * `node --import tsx` (with a generated-page server when asked); the options arrive as JSON in argv[2]; it talks over the IPC channel:
 * `{type: 'ready', url, baseUrls}` once listening, `{type: 'stats'}` → `{type: 'stats', stats}`,
 * `{type: 'close'}` → closes and exits. It also exits when the parent goes away.
 */
import { startSimulator, type SimulatorOptions } from '../simulator/index.js';
import { startPageServer } from './pages.js';
import { latencyOf, type SimProcessOptions } from './sim-options.js';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimProcessOptions;
  const simulatorOptions: SimulatorOptions = {
    latencyMs: latencyOf(options),
    recordCalls: false,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.retryAfterSeconds !== undefined ? { retryAfterSeconds: options.retryAfterSeconds } : {}),
  };
  const simulator = await startSimulator(simulatorOptions);
  const pages = options.pages ? await startPageServer() : undefined;
  const send = (message: unknown) => process.send?.(message);
  const close = () => void Promise.all([simulator.close(), pages?.close()]).then(() => process.exit(0));
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stats') send({ type: 'stats', stats: simulator.stats() });
    if (message?.type === 'close') close();
  });
  process.on('disconnect', close);
  send({ type: 'ready', url: simulator.url, baseUrls: simulator.baseUrls, pagesUrl: pages?.url });
}

await main();
