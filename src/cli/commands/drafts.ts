/** `drafts <sub>`: the editor's desk on the command line. Flags → one Desk call → print. */
import { loadConfig } from '../../config.js';
import { createDesk, editorName, nextDraft, shortId, type ClaimDecisionInput, type Desk } from '../../editor/index.js';
import { UsageError } from '../../errors.js';
import { ReviewStatus, Verdict } from '../../schemas.js';
import { openStore } from '../../store/index.js';
import { terminalLine } from '../../terminal-text.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';
import { formatChange, formatDraft, formatHistory, formatNext, formatQueue } from '../print-drafts.js';
import { amendCommand, editCommand } from './drafts-edit.js';

const REF = '<id>  a review id, a unique id prefix (4+ characters) or a tool slug (its newest review)';
const BY = '--by NAME          the editor acting (default: EDITOR_NAME)';
const REVISION = '--revision N       the revision `drafts show` printed: refused (exit 1) if the review changed since; without it, the current revision';

const JSON_FLAG = { json: { type: 'boolean' } } as const;
/** One page of `drafts list`: what fits a terminal's scrollback, and cheap at any queue size. */
const LIST_LIMIT = 50;
const SUBCOMMANDS = {
  list: {
    usage: 'list [--status S] [--flagged] [--limit N] [--offset N] [--json]',
    summary: "the queue: drafts needing attention first, then unrouted, then routine (in each incomplete, flagged, newest), with each tool's address and why it is there",
    flags: { status: { type: 'string' }, flagged: { type: 'boolean' }, limit: { type: 'string' }, offset: { type: 'string' }, ...JSON_FLAG },
    options: [
      '--status S         draft (default), approved, rejected or superseded',
      '--flagged          only reviews with flags',
      `--limit N          at most N rows (default ${LIST_LIMIT})`,
      '--offset N         skip the first N rows (the next page: --offset N+limit)',
      '--json             the queue as JSON',
    ],
  },
  show: {
    usage: 'show <id> [--json]',
    summary: 'one review as a scorecard: edits beside what the model said',
    flags: JSON_FLAG,
    options: [REF, '--json             the draft view as JSON'],
  },
  approve: {
    usage: 'approve <id> [--revision N] [--by NAME] [--allow-unchecked] [--allow-simulated]',
    summary: "publish a complete draft whose unsupported claims are all decided; it supersedes the tool's approved review; prints the next draft",
    flags: { by: { type: 'string' }, revision: { type: 'string' }, 'allow-simulated': { type: 'boolean' }, 'allow-unchecked': { type: 'boolean' }, ...JSON_FLAG },
    options: [
      REF,
      REVISION,
      BY,
      '--allow-unchecked  approve a review that was not grounding-checked (made before grounding, or with --no-grounding)',
      '--allow-simulated  approve a simulated (demo) review, for a trial site only',
      '--json             the review as JSON',
    ],
  },
  claim: {
    usage: 'claim <id> <claim-id> (--accept REASON | --remove [--text TEXT]) [--revision N] [--by NAME]',
    summary: 'decide an unsupported claim (`show` lists them): accept it with a reason, or remove it',
    flags: { accept: { type: 'string' }, remove: { type: 'boolean' }, text: { type: 'string' }, by: { type: 'string' }, revision: { type: 'string' }, ...JSON_FLAG },
    options: [
      REF,
      '<claim-id>         the claim, as `show` prints it (c3)',
      '--accept REASON    let it stand without a source, saying why',
      "--remove           take it out: with --text, the field's new text (saved as your edit; the model's stays beside it);",
      '                   without --text, the claim must already be gone from the text (after an edit)',
      '--text TEXT        the tagline, description or quote without the claim',
      REVISION,
      BY,
      '--json             the review as JSON',
    ],
  },
  reject: {
    usage: 'reject <id> --reason TEXT [--revision N] [--by NAME]',
    summary: 'reject a draft, saying why; prints the next draft',
    flags: { reason: { type: 'string' }, by: { type: 'string' }, revision: { type: 'string' }, ...JSON_FLAG },
    options: [REF, '--reason TEXT      why (required)', REVISION, BY, '--json             the review as JSON'],
  },
  edit: {
    usage: 'edit <id> (--persona P [--score N] [--verdict ship|skip] [--quote TEXT | --keep-quote] | [--tagline TEXT] [--description TEXT]) [--revision N] [--by NAME]',
    summary: "correct a persona's score, verdict or quote, or the tagline or description (the model's text is kept beside it); on a published review, in its correction draft",
    flags: {
      persona: { type: 'string' },
      score: { type: 'string' },
      verdict: { type: 'string' },
      quote: { type: 'string' },
      'keep-quote': { type: 'boolean' },
      tagline: { type: 'string' },
      description: { type: 'string' },
      by: { type: 'string' },
      revision: { type: 'string' },
      ...JSON_FLAG,
    },
    options: [
      `${REF}; a published (approved) one is corrected in its correction draft, opened or reused (see amend)`,
      '--persona P        which persona (builder, skeptic, …)',
      "--score N          0–100; given alone, the verdict follows it (the review's own ship line)",
      '--verdict V        ship or skip; must agree with the score',
      '--quote TEXT       the quote; a failed persona needs --score and --quote',
      '--keep-quote       keep the quote when the score moves the verdict across the ship line',
      '                   (such an edit needs --quote or --keep-quote)',
      '--tagline TEXT     the profile tagline (without --persona)',
      '--description TEXT the profile description (without --persona)',
      REVISION,
      BY,
      '--json             the review as JSON',
    ],
  },
  regenerate: {
    usage: 'regenerate <id> --persona P [--force] [--revision N] [--by NAME]',
    summary: "ask one persona's model again (a new revision)",
    flags: { persona: { type: 'string' }, force: { type: 'boolean' }, by: { type: 'string' }, revision: { type: 'string' }, ...JSON_FLAG },
    options: [REF, '--persona P        which persona', "--force            replace an editor's answer too (the edit stays in the history)", REVISION, BY, '--json             the review as JSON'],
  },
  history: {
    usage: 'history <id> [--json]',
    summary: 'audit entries and persona revisions, oldest first',
    flags: JSON_FLAG,
    options: [REF, '--json             the history as JSON'],
  },
  amend: {
    usage: 'amend <id> [--by NAME]',
    summary: 'open a correction of a published review (a draft copying it, no model call); it goes live when approved',
    flags: { by: { type: 'string' }, ...JSON_FLAG },
    options: [`${REF}; it must be published (approved). An open correction is reused`, BY, '--json             the correction draft as JSON'],
  },
} as const;
type Subcommand = keyof typeof SUBCOMMANDS;

export const HELP = `Usage: npm run drafts -- <subcommand> [options]     (each has --help)

The editor's desk: only what an editor approves is published.

Subcommands:
${Object.values(SUBCOMMANDS).map((each) => `  ${each.usage}\n      ${each.summary}`).join('\n')}

Every change bumps the review's revision (\`show\` prints it). Pass --revision N to edit,
approve, reject or regenerate exactly what you looked at: if someone changed the review since,
nothing is written and the command exits 1. Without --revision the current revision is used.

A published (approved) review is corrected without a model call: \`edit\` on it (or \`amend\`)
opens a correction draft that copies it as it stands, the edit lands there, and the published
review stays live until \`approve\` on the correction replaces it. One open correction per
review (a second edit reuses it); \`reject\` drops it and the published one stays.

A score edit that moves the verdict across the review's ship line needs --quote TEXT (a quote
for the new verdict) or --keep-quote; without either nothing is saved (exit 2).

A review's unsupported claims (grounding) must each be accepted with a reason or removed
(\`claim\`) before \`approve\`; a review that was not grounding-checked needs --allow-unchecked.

Exit codes: 0 done, 1 the work failed (a regeneration gave no answer, the review changed since
--revision N), 2 bad usage: unknown id, wrong state, unknown persona, missing --by/EDITOR_NAME
or --reason.
`;

const subHelp = (name: Subcommand) =>
  `Usage: npm run drafts -- ${SUBCOMMANDS[name].usage}\n\n${SUBCOMMANDS[name].summary}.\n\nOptions:\n${SUBCOMMANDS[name].options.map((line) => `  ${line}`).join('\n')}\n  -h, --help         this help\n`;

/** `claim`'s decision from its flags: exactly one of --accept and --remove. */
function claimDecision(flags: Record<string, string | boolean | undefined>): ClaimDecisionInput {
  const accept = flags.accept as string | undefined;
  const text = flags.text as string | undefined;
  if ((accept !== undefined) === (flags.remove === true)) throw new UsageError('drafts claim needs one of --accept REASON or --remove (see --help)');
  if (accept !== undefined) {
    if (text !== undefined) throw new UsageError('--text goes with --remove, not --accept');
    return { action: 'accepted', reason: accept };
  }
  return { action: 'removed', text };
}

function oneRef(positionals: string[], name: string): string {
  if (positionals.length !== 1) throw new UsageError(`drafts ${name} takes one review id, got ${positionals.length === 0 ? 'none' : positionals.length} (see --help)`);
  return positionals[0] as string;
}

function required(value: string | undefined, flag: string, name: string): string {
  if (value == null) throw new UsageError(`drafts ${name} needs ${flag} (see --help)`);
  return value;
}

function scoreFlag(value: string | undefined): number | undefined {
  if (value == null) return undefined;
  if (!/^\d{1,3}$/.test(value.trim()) || Number(value) > 100) throw new UsageError(`--score must be a whole number from 0 to 100, got "${value}"`);
  return Number(value);
}

function revisionFlag(value: string | undefined): number | undefined {
  if (value == null) return undefined;
  if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--revision must be the revision number \`drafts show\` printed, got "${value}"`);
  return Number(value);
}

function countFlag(value: string | undefined, flag: string, fallback: number, min: number): number {
  if (value == null) return fallback;
  if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < min) throw new UsageError(`${flag} must be a whole number ${min === 0 ? '0 or more' : `from ${min}`}, got "${value}"`);
  return Number(value);
}

function parseChoice<T extends string>(value: string | undefined, schema: { options: readonly T[] }, flag: string): T | undefined {
  if (value == null) return undefined;
  if (!(schema.options as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${schema.options.join(', ')}, got "${value}"`);
  return value as T;
}

export async function run(argv: string[], io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') return io.stdout(HELP), 0;
  if (name == null || !(name in SUBCOMMANDS)) {
    const known = Object.keys(SUBCOMMANDS).join(', ');
    throw new UsageError(name == null ? `drafts needs a subcommand: ${known} (see --help)` : `unknown drafts subcommand "${name}" (subcommands: ${known})`);
  }
  const sub = name as Subcommand;
  const { values, positionals } = parseFlags(rest, SUBCOMMANDS[sub].flags, `drafts ${sub}`);
  const flags = values as Record<string, string | boolean | undefined>;
  if (flags.help) return io.stdout(subHelp(sub)), 0;
  const text = (flag: string) => flags[flag] as string | undefined;
  const print = (value: unknown, readable: () => string) => io.stdout(flags.json ? `${JSON.stringify(value, null, 2)}\n` : readable());

  const config = loadConfig(env);
  if (sub === 'list' && positionals.length > 0) throw new UsageError('drafts list takes no arguments (see --help)');
  if (sub === 'claim' && positionals.length !== 2) throw new UsageError('drafts claim takes a review id and a claim id, e.g. drafts claim 3f2a1b2c c3 (see --help)');
  const ref = sub === 'list' ? '' : oneRef(sub === 'claim' ? positionals.slice(0, 1) : positionals, sub);
  const status = parseChoice(text('status'), ReviewStatus, '--status');
  const seen = { revision: revisionFlag(text('revision')) };
  const by = ['approve', 'reject', 'edit', 'regenerate', 'claim', 'amend'].includes(sub) ? editorName(text('by'), config) : '';
  // Only edit and regenerate need the engine (personas, prompts, models); loading it would
  // bring the providers' wiring into every `drafts list`.
  const engine = sub === 'edit' || sub === 'regenerate' ? await (await import('../../engine/index.js')).createEngine(config) : undefined;
  const context = engine?.context;
  // list, show and history only read: they work on a database this process may not write.
  const store = openStore(config.dbPath, { access: sub === 'list' || sub === 'show' || sub === 'history' ? 'read' : 'write' });
  try {
    const desk: Desk = createDesk(store, { threshold: config.shipThreshold, personas: context?.personas ?? [], allowSimulated: flags['allow-simulated'] === true });
    switch (sub) {
      case 'list': {
        const page = { limit: countFlag(text('limit'), '--limit', LIST_LIMIT, 1), offset: countFlag(text('offset'), '--offset', 0, 0) };
        const items = desk.queue({ ...(status ? { status } : {}), flagged: flags.flagged === true, ...page });
        print(items, () => formatQueue(items, status ?? 'draft', page));
        return 0;
      }
      case 'show': {
        const view = desk.show(ref);
        print(view, () => formatDraft(view));
        return 0;
      }
      case 'history': {
        const summary = desk.resolve(ref);
        const entries = desk.history(summary.id);
        print(entries, () => formatHistory(entries, summary.id));
        return 0;
      }
      case 'approve': {
        const review = desk.approve(ref, by, seen, { allowUnchecked: flags['allow-unchecked'] === true });
        const approval = store.audit(review.id).filter((entry) => entry.action === 'approved').at(-1);
        const superseded = (approval?.detail as { supersedes?: string[] } | null)?.supersedes ?? [];
        const note = superseded.length > 0 ? `; it supersedes ${superseded.map(shortId).join(', ')}` : '';
        print(review, () => terminalLine(`Approved ${shortId(review.id)} (${review.tool.name} — ${review.panel.label}) by ${by}${note}.`) + '\n' + formatNext(nextDraft(store, review.id)));
        return 0;
      }
      case 'claim': {
        const claimId = positionals[1] as string;
        const decision = claimDecision(flags);
        const review = desk.decideClaim(ref, claimId, decision, by, seen);
        const verb = decision.action === 'accepted' ? 'Accepted' : decision.text !== undefined ? 'Removed (text edited)' : 'Removed';
        print(review, () => terminalLine(`${verb} claim ${claimId} on ${shortId(review.id)} (${review.tool.name}) by ${by}.`) + '\n');
        return 0;
      }
      case 'reject': {
        const review = desk.reject(ref, by, required(text('reason'), '--reason TEXT', sub), seen);
        print(review, () => terminalLine(`Rejected ${shortId(review.id)} (${review.tool.name}) by ${by}.`) + '\n' + formatNext(nextDraft(store, review.id)));
        return 0;
      }
      case 'edit': {
        const input = {
          persona: text('persona'),
          score: scoreFlag(text('score')),
          verdict: parseChoice(text('verdict'), Verdict, '--verdict'),
          quote: text('quote'),
          keepQuote: flags['keep-quote'] === true,
          tagline: text('tagline'),
          description: text('description'),
        };
        const { review, text: printed } = editCommand(desk, ref, input, by, seen);
        print(review, () => printed);
        return 0;
      }
      case 'amend': {
        const { review, text: printed } = amendCommand(desk, ref, by);
        print(review, () => printed);
        return 0;
      }
      case 'regenerate': {
        const persona = required(text('persona'), '--persona P', sub);
        if (engine == null) throw new UsageError('regenerate needs the personas and prompts');
        const review = await desk.regenerate(ref, persona, by, { engine }, { force: flags.force === true, revision: seen.revision });
        print(review, () => formatChange(review, persona.trim().toLowerCase(), `Regenerated ${persona} on ${shortId(review.id)} (asked by ${by}):`));
        return 0;
      }
    }
  } finally {
    store.close();
  }
}
