/** `review <url-or-file>`: flags → runReview / planReview → summary or JSON. */
import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { createEngine } from '../../engine/index.js';
import { planReview, runReview } from '../../review/index.js';
import { openStore } from '../../store/index.js';
import { terminalLine } from '../../terminal-text.js';
import { GROUNDING_FLAGS, MODEL_FLAGS, REPEAT_FLAGS, parseFlags, parsePersonaModels, parseRepeat } from '../args.js';
import type { CliIO } from '../io.js';
import { formatPlan, formatReviewSummary } from '../print.js';

export const HELP = `Usage: npm run review -- <url-or-file> [options]

Drafts a four-persona panel verdict for one tool and saves it as a draft.

Options:
  --json                     print the review JSON instead of the summary
  --no-save                  do not save the draft
  --model SPEC               every persona (and the profile) on one model, e.g. openai:gpt-5.4-mini
  --persona-model P=SPEC     one persona on a model, e.g. skeptic=anthropic:claude-haiku-5-5 (repeatable)
  --dry-run                  list the calls and an estimated cost; call nothing
  --repeat N                 ask each persona N times (1-9; N× the persona cost): the draft keeps
                             the median score and the quote closest to it, and shows the spread
                             (default: the persona file's repeat:, else PANEL_REPEAT, else 1)
  --no-grounding             check claims without a model: only numbers, dates, quoted terms and
                             names must occur in the sources (the draft says it was not fully checked)
  -h, --help                 this help

Exit codes: 0 done, 1 the work failed or the panel is incomplete, 2 bad usage or input.
`;

const FLAGS = {
  json: { type: 'boolean' },
  'no-save': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  ...MODEL_FLAGS,
  ...GROUNDING_FLAGS,
  ...REPEAT_FLAGS,
} as const;

export async function run(argv: string[], io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'review');
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length !== 1) {
    throw new UsageError(`review takes one URL or file, got ${positionals.length === 0 ? 'none' : positionals.length} (see --help)`);
  }
  const target = positionals[0] as string;
  const config = loadConfig(env);
  const modelOptions = { model: values.model, personaModels: parsePersonaModels(values['persona-model']), repeat: parseRepeat(values.repeat, 'review') };
  const grounding = values['no-grounding'] ? { grounding: false } : {};
  if (values['dry-run']) {
    const plan = await planReview(target, modelOptions, await createEngine(config));
    io.stdout(values.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan));
    return 0;
  }
  const store = values['no-save'] ? undefined : openStore(config.dbPath);
  try {
    const review = await runReview(target, { ...modelOptions, ...grounding }, await createEngine(config, { store }), {
      onProgress: io.interactive && !values.json ? (message) => io.stderr(`… ${terminalLine(message)}\n`) : undefined,
    });
    io.stdout(values.json ? `${JSON.stringify(review, null, 2)}\n` : formatReviewSummary(review, { savedTo: store ? config.dbPath : undefined }));
    return review.panel.complete ? 0 : 1;
  } finally {
    store?.close();
  }
}
