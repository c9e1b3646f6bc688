/** `publish --out DIR`: the approved reviews and comparisons as the site's JSON files. */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { formatPublishResult, publishSite } from '../../publish/index.js';
import { openStore } from '../../store/index.js';
import { loadPersonas } from '../../templates/index.js';
import { projectPaths } from '../../paths.js';
import { quoteInput } from '../../terminal-text.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run publish -- --out DIR [--allow-simulated] [--json]

Writes what editors approved as JSON files for the site:
  DIR/index.json                       the published tools and comparisons, and updatedAt
  DIR/tools/<tool-slug>.json           one per approved review
  DIR/comparisons/<a>-vs-<b>.json      one per approved comparison
  DIR/schemas/*.schema.json            the JSON Schema of each kind of file

Drafts, rejected and superseded reviews never appear, nor simulated ones (npm run demo's)
unless --allow-simulated; local file paths never do (a tool reviewed from a file has no url); an approved comparison whose reviews
were superseded since is left out (and its old file removed) until it is written and
approved again. Each file is validated and written atomically, and only when it changed:
re-running with nothing changed changes no file (updatedAt is the newest approval or vote).

Options:
  --out DIR            the output folder (created if missing)
  --allow-simulated    also publish approved simulated reviews, marked "simulated": true (a trial site)
  --json               print the result as JSON
  -h, --help           this help
`;

/** The output folder, made if missing; a file or an unwritable place there is bad input (exit 2). */
async function outputFolder(out: string): Promise<string> {
  const folder = path.resolve(out);
  const existing = await stat(folder).catch(() => undefined);
  if (existing != null && !existing.isDirectory()) throw new UsageError(`--out ${quoteInput(out)} is a file, not a folder`);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of the path is a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    throw new UsageError(`cannot make the --out folder ${quoteInput(out)}: ${why}`, { cause: error });
  }
  return folder;
}

export async function run(argv: string[], io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parseFlags(argv, { out: { type: 'string' }, 'allow-simulated': { type: 'boolean' }, json: { type: 'boolean' } }, 'publish');
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length > 0) throw new UsageError(`publish takes no arguments, got "${positionals[0]}" (give the folder with --out DIR)`);
  if (values.out == null || values.out.trim() === '') throw new UsageError('publish needs --out DIR (see --help)');
  const config = loadConfig(env);
  const personas = await loadPersonas(projectPaths.personas);
  const folder = await outputFolder(values.out);
  const store = openStore(config.dbPath, { readonly: true });
  try {
    const result = await publishSite(folder, { store, personas, allowSimulated: values['allow-simulated'] === true });
    io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatPublishResult({ ...result, outDir: values.out }));
    return 0;
  } finally {
    store.close();
  }
}
