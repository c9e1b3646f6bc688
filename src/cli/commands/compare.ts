/** `compare`: a comparison page of two tools (JSON, summary or HTML) and its verdict line's workflow. */
import path from 'node:path';
import { loadConfig } from '../../config.js';
import { createDesk, editorName } from '../../editor/index.js';
import { createEngine } from '../../engine/index.js';
import { UsageError } from '../../errors.js';
import { chooseModels } from '../../providers/index.js';
import {
  approveComparison, comparePair, editComparison, findComparison, formatComparison, formatComparisonList, formatStoredComparison,
  listComparisons, loadComparisonTemplate, renderComparisonHtml, saveComparison, writeComparisonLine, writeFileAtomic, writeVerdictLine, type ComparisonPage, type StoredComparison,
} from '../../publish/index.js';
import { openStore } from '../../store/index.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run compare -- <tool> <tool> [options]
       npm run compare -- list | show <slug> | edit <slug> --verdict-line TEXT | approve <slug>
       npm run compare -- edit <tool> <tool> --verdict-line TEXT

The comparison page of two reviewed tools, built from their approved reviews. A tool is a URL,
a tool slug or a review id (or a unique prefix of 4+ characters).

Options:
  --json               print the page JSON (ComparisonPage) instead of the summary
  --html FILE          also write the page as HTML to FILE
  --drafts             allow draft reviews (a tool's newest draft); the page is marked as a preview
  --save               write the verdict line with a model and store it as the pair's draft
                       (asks only when the pair has no draft for these two reviews)
  --regenerate         with --save: ask the model again anyway
  --force              with --regenerate: replace an editor's line (the edit stays in the history)
  --model SPEC         the model for the verdict line (default: PANEL_PROFILE_MODEL, PANEL_MODEL,
                       else the first persona's)
  --by NAME            who acts (default: EDITOR_NAME); needed by edit and approve
  -h, --help           this help

Subcommands:
  list [--json]                          the pairs' drafts and approved comparisons
  show <slug> [--json]                   the verdict line, the model's original beside an edit, the history
  edit <slug> --verdict-line TEXT        rewrite the line (a new revision; an approved comparison
                                         gets a new draft)
  edit <tool> <tool> --verdict-line TEXT write the line by hand, no model and no key: the pair's
                                         draft for these reviews is made if there is none
                                         (--drafts: a tool's newest draft review will do)
  approve <slug>                         publish the draft: both reviews must be approved; the pair's
                                         approved comparison is superseded

Exit codes: 0 done, 1 the model gave no verdict line, 2 bad usage: unknown tool, a tool without
an approved review (without --drafts), the same tool twice, unknown comparison, wrong state.
`;

const PAIR_FLAGS = {
  json: { type: 'boolean' }, html: { type: 'string' }, drafts: { type: 'boolean' }, save: { type: 'boolean' },
  regenerate: { type: 'boolean' }, force: { type: 'boolean' }, model: { type: 'string' }, by: { type: 'string' },
} as const;
const SUB_FLAGS = {
  list: { json: { type: 'boolean' } },
  show: { json: { type: 'boolean' } },
  edit: { 'verdict-line': { type: 'string' }, by: { type: 'string' }, json: { type: 'boolean' }, drafts: { type: 'boolean' } },
  approve: { by: { type: 'string' }, json: { type: 'boolean' } },
} as const;
type Sub = keyof typeof SUB_FLAGS;

type Env = Record<string, string | undefined>;

export async function run(argv: string[], io: CliIO, env?: Env): Promise<number> {
  const first = argv[0];
  if (first != null && first in SUB_FLAGS) return runSub(first as Sub, argv.slice(1), io, env);
  const { values, positionals } = parseFlags(argv, PAIR_FLAGS, 'compare');
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length !== 2) {
    throw new UsageError(`compare takes two tools, got ${positionals.length === 0 ? 'none' : positionals.length} (see --help)`);
  }
  if ((values.regenerate || values.force) && !values.save) throw new UsageError('--regenerate and --force go with --save (see --help)');
  if (values.force && !values.regenerate) throw new UsageError('--force goes with --regenerate (see --help)');
  if (values.html != null && values.html.trim() === '') throw new UsageError('--html needs a file name');
  const [refA, refB] = positionals as [string, string];
  const config = loadConfig(env);
  // Without --save the comparison only reads: it works on a read-only database too.
  const store = openStore(config.dbPath, { access: values.save ? 'write' : 'read' });
  try {
    const engine = await createEngine(config, { store });
    const { context } = engine;
    const deps = { store, resolveReview: createDesk(store, { threshold: config.shipThreshold }).resolve, personas: context.personas };
    const options = { drafts: values.drafts === true };
    let page: ComparisonPage;
    let notes: string[] = [];
    let stored: StoredComparison | undefined;
    if (values.save) {
      const spec = chooseModels({ personas: context.personas, config, defaults: context.modelDefaults, model: values.model }).profileModel;
      const by = values.by ?? config.editor.name;
      const lineDeps = { model: engine.model(spec), template: await loadComparisonTemplate(), ...engine.calls };
      const result = await saveComparison(refA, refB, { ...deps, writeLine: (draft) => writeVerdictLine(draft, lineDeps) }, {
        ...options, regenerate: values.regenerate === true, force: values.force === true, ...(by ? { by: editorName(by, config) } : {}),
      });
      ({ page, stored } = result);
      notes = [{ created: 'saved a new draft', rewritten: 'wrote a new line for the draft', unchanged: 'the stored line already matches these reviews (no model call; --regenerate asks again)' }[result.outcome]];
    } else {
      const pair = comparePair(refA, refB, deps, options);
      ({ page, stored } = pair);
      if (pair.outdatedLine) notes = ['the stored verdict line was written from other reviews: write a new one with --save'];
    }
    if (values.html != null) {
      await writeFileAtomic(path.resolve(values.html), renderComparisonHtml(page));
      notes.push(`wrote ${values.html}`);
    }
    if (values.json) io.stdout(`${JSON.stringify(page, null, 2)}\n`);
    else io.stdout(formatComparison(page, stored, notes));
    if (values.json && values.html != null) io.stderr(`Wrote ${values.html}\n`);
    return 0;
  } finally {
    store.close();
  }
}

async function runSub(sub: Sub, argv: string[], io: CliIO, env?: Env): Promise<number> {
  const { values, positionals } = parseFlags(argv, SUB_FLAGS[sub], `compare ${sub}`);
  const flags = values as Record<string, string | boolean | undefined>;
  if (flags.help) return io.stdout(HELP), 0;
  if (sub === 'edit' && positionals.length === 2) return runEditPair(positionals as [string, string], flags, io, env);
  const wanted = sub === 'list' ? 0 : 1;
  if (flags.drafts) throw new UsageError('--drafts goes with compare edit <tool> <tool> (see --help)');
  if (positionals.length !== wanted) {
    const takes = sub === 'edit' ? 'a comparison slug or two tools' : 'one comparison slug';
    throw new UsageError(sub === 'list' ? 'compare list takes no arguments' : `compare ${sub} takes ${takes}, got ${positionals.length === 0 ? 'none' : positionals.length} (see --help)`);
  }
  const slug = positionals[0] ?? '';
  const config = loadConfig(env);
  const by = sub === 'edit' || sub === 'approve' ? editorName(flags.by as string | undefined, config) : '';
  const line = flags['verdict-line'] as string | undefined;
  if (sub === 'edit' && line == null) throw new UsageError('compare edit needs --verdict-line TEXT (see --help)');
  const store = openStore(config.dbPath, { access: sub === 'list' || sub === 'show' ? 'read' : 'write' });
  try {
    const print = (value: unknown, readable: () => string) => io.stdout(flags.json ? `${JSON.stringify(value, null, 2)}\n` : readable());
    switch (sub) {
      case 'list': {
        const list = listComparisons(store);
        print(list, () => formatComparisonList(list));
        break;
      }
      case 'show': {
        const stored = findComparison(store, slug);
        print(stored, () => formatStoredComparison(stored));
        break;
      }
      case 'edit': {
        const stored = editComparison(store, slug, line ?? '', by);
        print(stored, () => `Edited the verdict line of ${stored.row.slug} (draft) by ${by}.\n${formatStoredComparison(stored)}`);
        break;
      }
      case 'approve': {
        const stored = approveComparison(store, slug, by);
        print(stored, () => `Approved ${stored.row.slug} by ${by}: it is published with the next npm run publish.\n`);
        break;
      }
    }
    return 0;
  } finally {
    store.close();
  }
}

/** `compare edit <a> <b> --verdict-line TEXT`: the editor's line for the pair, no model called. */
async function runEditPair([refA, refB]: [string, string], flags: Record<string, string | boolean | undefined>, io: CliIO, env?: Env): Promise<number> {
  const config = loadConfig(env);
  const by = editorName(flags.by as string | undefined, config);
  const line = flags['verdict-line'] as string | undefined;
  if (line == null) throw new UsageError('compare edit needs --verdict-line TEXT (see --help)');
  const store = openStore(config.dbPath, { access: 'write' });
  try {
    const { context } = await createEngine(config, { store });
    const deps = { store, resolveReview: createDesk(store, { threshold: config.shipThreshold }).resolve, personas: context.personas };
    const result = writeComparisonLine(refA, refB, line, by, deps, { drafts: flags.drafts === true });
    const what = result.outcome === 'created' ? 'Saved a new draft' : 'Edited the verdict line';
    const readable = () => `${what} of ${result.stored.row.slug} by ${by} (written by an editor, no model).\n${formatStoredComparison(result.stored)}`;
    io.stdout(flags.json ? `${JSON.stringify(result.stored, null, 2)}\n` : readable());
    return 0;
  } finally {
    store.close();
  }
}
