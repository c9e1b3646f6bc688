/**
 * Child-process script for the CPU figure: N reviews of a local page against a zero-latency
 * simulator (itself in another child process), measured with `process.cpuUsage()` in a process
 * that does nothing else; beside them, to say where the CPU goes: intake alone, one persona
 * call per model through the real SDK, and the review with its draft saved.
 * Arguments: JSON `CpuWorkerInput` in argv[2]; the result goes back over IPC.
 */
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { intake } from '../intake/index.js';
import { buildPersonaRequest } from '../panel/index.js';
import { chooseModels, createModel, jsonSchemaOf, rawSdkSender } from '../providers/index.js';
import { createEngine } from '../engine/index.js';
import { runReview } from '../review/index.js';
import { PersonaAnswerSent } from '../schemas.js';
import { openStore } from '../store/index.js';
import { benchConfig, type BaseUrls } from './setup.js';

export interface CpuWorkerInput {
  baseUrls: BaseUrls;
  page: string;
  reviews: number;
  warmup: number;
  /** Scratch directory for the database of the "with draft saved" run. */
  dir: string;
}

export interface CpuWorkerResult {
  type: 'result';
  reviews: number;
  /** CPU (user + system) per review, ms. */
  cpuMsPerReview: number;
  wallMsPerReview: number;
  cpuMsPerReviewSaved: number;
  /** With the grounding pass (its claims and support calls) on. */
  cpuMsPerReviewGrounded: number;
  cpuMsPerIntake: number;
  /** One persona call's CPU per model spec, ms (SDK request, HTTP, response parsing). */
  cpuMsPerCall: Record<string, number>;
  /** Calls one review makes per model spec (profile and personas). */
  callsPerReview: Record<string, number>;
  /**
   * The floor: what a review cannot cost less than with these libraries — cheerio parsing the
   * page, and the same calls' request bodies sent through the official SDKs (plain clients,
   * made once), CPU ms per review.
   */
  cpuMsPerFloor: number;
  /** One raw SDK call's CPU per model spec, ms (the floor's part of `cpuMsPerCall`). */
  cpuMsPerRawCall: Record<string, number>;
  /** cheerio.load of the page, ms. */
  cpuMsPerParse: number;
}

/**
 * CPU ms (and wall ms) per run of each piece of work. The pieces are measured in interleaved
 * rounds after a common warm-up, so JIT warm-up and machine noise fall on all of them alike
 * rather than on whichever happened to run first.
 */
async function cpuPerRun(
  work: Record<string, () => Promise<unknown>>,
  runs: number,
  warmup: number,
  rounds = 4,
): Promise<Record<string, { cpuMs: number; wallMs: number }>> {
  const totals = Object.fromEntries(Object.keys(work).map((name) => [name, { cpuUs: 0, wallMs: 0, runs: 0 }]));
  for (const each of Object.values(work)) for (let index = 0; index < warmup; index += 1) await each();
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, each] of Object.entries(work)) {
      const count = Math.ceil(runs / rounds);
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let index = 0; index < count; index += 1) await each();
      const used = process.cpuUsage(cpu);
      const total = totals[name] as { cpuUs: number; wallMs: number; runs: number };
      total.cpuUs += used.user + used.system;
      total.wallMs += performance.now() - started;
      total.runs += count;
    }
  }
  return Object.fromEntries(Object.entries(totals).map(([name, total]) => [name, { cpuMs: total.cpuUs / 1000 / total.runs, wallMs: total.wallMs / total.runs }]));
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as CpuWorkerInput;
  const config = benchConfig(input.baseUrls, { PANEL_DB: path.join(input.dir, 'panel.db') });
  // One engine for every run, as a command has: its models (and SDK clients) are reused.
  const engine = await createEngine(config);
  const { context } = engine;
  const store = openStore(config.dbPath);
  const saving = engine.withStore(store);
  const source = await intake(input.page, { config });
  // The floor sends the profile and four persona calls, so the compared review makes exactly
  // those (no grounding calls); the grounded review is measured beside it.
  const fiveCalls = { grounding: false };
  const sample = await runReview(input.page, fiveCalls, engine);

  // One persona request as the panel builds it, sent to each model through its adapter.
  const persona = context.personas[0];
  if (persona == null) throw new Error('no personas');
  const prompt = buildPersonaRequest({ profile: sample.tool, pageExcerpt: source.text, panel: context.personas, persona, threshold: config.shipThreshold, template: context.templates.review });
  const request = {
    ...prompt,
    temperature: persona.temperature,
    maxOutputTokens: context.templates.review.maxOutputTokens,
    timeoutMs: config.callTimeoutMs,
    output: { name: 'persona_review', description: 'bench', jsonSchema: jsonSchemaOf(PersonaAnswerSent) },
  };
  const choice = chooseModels({ personas: context.personas, config, defaults: context.modelDefaults });
  const callsPerReview: Record<string, number> = {};
  for (const spec of [...choice.models.values(), choice.profileModel]) callsPerReview[spec] = (callsPerReview[spec] ?? 0) + 1;
  const calls = Object.fromEntries(
    Object.keys(callsPerReview).map((spec) => {
      const model = createModel(spec, config);
      return [`call ${spec}`, () => model.generate(request)];
    }),
  );

  const html = fs.readFileSync(input.page, 'utf8');
  const raw = Object.fromEntries(await Promise.all(Object.keys(callsPerReview).map(async (spec) => [spec, await rawSdkSender(spec, config, request)] as const)));
  const floor = async () => {
    load(html);
    for (const [spec, count] of Object.entries(callsPerReview)) for (let index = 0; index < count; index += 1) await raw[spec]?.();
  };

  const measured = await cpuPerRun(
    {
      review: () => runReview(input.page, fiveCalls, engine),
      saved: () => runReview(input.page, fiveCalls, saving),
      grounded: () => runReview(input.page, {}, engine),
      intake: () => intake(input.page, { config }),
      floor,
      parse: async () => load(html),
      ...calls,
      ...Object.fromEntries(Object.entries(raw).map(([spec, send]) => [`raw ${spec}`, send])),
    },
    input.reviews,
    input.warmup,
  );
  store.close();
  const cpuMs = (name: string) => measured[name]?.cpuMs ?? Number.NaN;
  const cpuMsPerCall = Object.fromEntries(Object.keys(callsPerReview).map((spec) => [spec, cpuMs(`call ${spec}`)]));

  const result: CpuWorkerResult = {
    type: 'result',
    reviews: input.reviews,
    cpuMsPerReview: cpuMs('review'),
    wallMsPerReview: measured.review?.wallMs ?? Number.NaN,
    cpuMsPerReviewSaved: cpuMs('saved'),
    cpuMsPerReviewGrounded: cpuMs('grounded'),
    cpuMsPerIntake: cpuMs('intake'),
    cpuMsPerCall,
    callsPerReview,
    cpuMsPerFloor: cpuMs('floor'),
    cpuMsPerRawCall: Object.fromEntries(Object.keys(callsPerReview).map((spec) => [spec, cpuMs(`raw ${spec}`)])),
    cpuMsPerParse: cpuMs('parse'),
  };
  process.send?.(result, () => process.exit(0));
}

await main();
