import { startSimulator } from './src/simulator/index.js';
import { batchCli, batchEnv, tempDir, writeList, writePages } from './test/batch/support.js';
import fs from 'node:fs';
const R = Number(process.argv[2] ?? 600), N = Number(process.argv[3] ?? 300), CONC = process.argv[4] ?? '16';
const sim = await startSimulator({ latencyMs: 30, rateLimit: { requestsPerMinute: R }, faults: { rate429: 0.05, server500: 0.02 }, recordCalls: false, seed: 3 });
const dir = tempDir();
const list = writeList(dir, writePages(dir, N));
const limits = `${dir}/limits.json`;
fs.writeFileSync(limits, JSON.stringify({ default: { requestsPerMinute: R, tokensPerMinute: 1e9, burstSeconds: 1 } }));
const env = batchEnv(sim, dir, { PANEL_RETRY_AFTER_CAP_MS: '60000', PANEL_MAX_RETRIES: '6' });
const t0 = Date.now();
const run = await batchCli([list, '--json', '--concurrency', CONC, '--rate-limits', limits], env);
const report = JSON.parse(run.stdout);
const bound = R / 3; // openai: profile + builder + creator per tool
console.log(JSON.stringify({ R, N, code: run.code, wallMs: Date.now() - t0, tools: report.tools, throughput: report.throughputPerMinute, bound, ratio: report.throughputPerMinute / bound, limiter: report.limiter, sim: sim.stats() }, null, 1));
await sim.close();
