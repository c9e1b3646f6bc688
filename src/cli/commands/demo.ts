/**
 * `demo`: the whole pipeline offline. Starts the built-in simulator on loopback, points the
 * OpenAI, Anthropic and Gemini adapters at it through their base URLs (so the real SDK code
 * paths run), and reviews a tool page bundled in fixtures/ with a panel spanning all three.
 */
import path from 'node:path';
import { environment, loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { projectPaths } from '../../paths.js';
import { createEngine } from '../../engine/index.js';
import { runReview } from '../../review/index.js';
import { formatSimulatorBanner, startSimulator } from '../../simulator/index.js';
import { openStore } from '../../store/index.js';
import { terminalLine } from '../../terminal-text.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';
import { formatReviewSummary } from '../print.js';

export const DEMO_PAGE = path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html');

export const HELP = `Usage: npm run demo -- [file] [options]

Reviews a bundled tool page (default: ${path.relative(process.cwd(), DEMO_PAGE)}) against the built-in
simulator — no key and no network needed. The answers are simulated, not from real models.

Options:
  --json        print the review JSON instead of the summary
  --no-save     do not save the draft (default: saved to PANEL_DEMO_DB, default data/demo.db,
                never to PANEL_DB; marked simulated, so approve and publish refuse it)
  -h, --help    this help
`;

/** Environment for the demo: simulator keys and URLs replace any real ones, for every provider. */
export function simulatorEnv(
  env: Record<string, string | undefined>,
  baseUrls: { openai: string; anthropic: string; google: string },
): Record<string, string | undefined> {
  const cleared = Object.fromEntries(
    Object.entries(env).filter(([name]) => !/_(API_KEY|BASE_URL)$/.test(name) && name !== 'PANEL_MODEL' && name !== 'PANEL_PROFILE_MODEL'),
  );
  return {
    ...cleared,
    OPENAI_API_KEY: 'simulated-key',
    OPENAI_BASE_URL: baseUrls.openai,
    ANTHROPIC_API_KEY: 'simulated-key',
    ANTHROPIC_BASE_URL: baseUrls.anthropic,
    GEMINI_API_KEY: 'simulated-key',
    GOOGLE_GEMINI_BASE_URL: baseUrls.google,
  };
}

export async function run(argv: string[], io: CliIO, given?: Record<string, string | undefined>): Promise<number> {
  const env = environment(given);
  const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' }, 'no-save': { type: 'boolean' } }, 'demo');
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length > 1) throw new UsageError('demo takes at most one file (see --help)');
  const target = positionals[0] ?? DEMO_PAGE;
  // Latencies like real small models, varied per provider, so the summary's timings mean something.
  const simulator = await startSimulator({
    latencyMs: (call) => ({ openai: 420, anthropic: 610, gemini: 350 })[call.provider],
  });
  try {
    io.stderr(`${formatSimulatorBanner(simulator)}\n`);
    const config = loadConfig(simulatorEnv(env, simulator.baseUrls));
    // Simulated drafts get their own database: the editors' queue in PANEL_DB never sees them.
    const store = values['no-save'] ? undefined : openStore(config.demoDbPath);
    try {
      const review = await runReview(target, { simulated: true }, await createEngine(config, { store }), {
        onProgress: values.json ? undefined : (message) => io.stderr(`… ${terminalLine(message)}\n`),
      });
      io.stdout(values.json ? `${JSON.stringify(review, null, 2)}\n` : formatReviewSummary(review, { savedTo: store ? config.demoDbPath : undefined }));
      if (store && !values.json) {
        io.stdout(`Simulated drafts are kept apart from PANEL_DB. To look at them: PANEL_DB=${config.demoDbPath} npm run drafts -- list\n`);
      }
      return review.panel.complete ? 0 : 1;
    } finally {
      store?.close();
    }
  } finally {
    await simulator.close();
  }
}
