/** `votes <tool> [ship|skip]`: record a community vote, or show the count. */
import { loadConfig } from '../../config.js';
import { createDesk } from '../../editor/index.js';
import { UsageError } from '../../errors.js';
import { recordVote, toolVotes } from '../../publish/index.js';
import { openStore } from '../../store/index.js';
import { terminalLine } from '../../terminal-text.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run votes -- <tool> [ship|skip] [--json]

Records one community vote for a tool (a URL, a tool slug or a review id), or with no vote
shows its count. Pages show the count as "67% ship · 3 votes" (the ship share, rounded, and
the number of votes), or "No community votes yet".

Options:
  --json        print the tool and its count as JSON
  -h, --help    this help
`;

export async function run(argv: string[], io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' } }, 'votes');
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length < 1 || positionals.length > 2) {
    throw new UsageError(`votes takes a tool and optionally ship or skip, got ${positionals.length === 0 ? 'nothing' : positionals.length} (see --help)`);
  }
  const [ref, vote] = positionals as [string, string | undefined];
  if (vote != null && vote !== 'ship' && vote !== 'skip') throw new UsageError(`a vote is ship or skip, got "${vote}"`);
  const config = loadConfig(env);
  const store = openStore(config.dbPath);
  try {
    const deps = { store, resolveReview: createDesk(store, { threshold: config.shipThreshold }).resolve };
    const result = vote == null ? toolVotes(ref, deps) : recordVote(ref, vote, deps);
    const { tool, community } = result;
    const name = terminalLine(tool.name);
    const readable = vote == null ? `${name}: ${community.text}\n` : `Recorded a ${vote} vote for ${name}: ${community.text}\n`;
    io.stdout(values.json ? `${JSON.stringify({ tool: { name: tool.name, slug: tool.slug, url: tool.url }, community }, null, 2)}\n` : readable);
    return 0;
  } finally {
    store.close();
  }
}
