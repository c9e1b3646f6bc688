/** `votes <tool> [ship|skip --voter KEY]`: record a community vote, or show the count. */
import { loadConfig } from '../../config.js';
import { createDesk } from '../../editor/index.js';
import { UsageError } from '../../errors.js';
import { checkVoterKey, recordVote, toolVotes } from '../../publish/index.js';
import { openStore, type CastVote } from '../../store/index.js';
import { terminalLine } from '../../terminal-text.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run votes -- <tool> [ship|skip --voter KEY] [--json]

Records a reader's community vote for a tool (a URL, a tool slug or a review id), or with no
vote shows its count. Pages show the count as "67% ship · 3 votes" (the ship share, rounded,
and the number of votes), or "No community votes yet".

One vote per voter per tool: the same voter voting again replaces their vote (ship → skip),
and the count stays one vote. Only a keyed hash of the voter key is stored.

Options:
  --voter KEY   the site's stable anonymous id for the reader's browser: 8–128 characters of
                A–Z, a–z, 0–9, _ or - (required with a vote)
  --json        print the tool and its count as JSON
  -h, --help    this help
`;

/** What `votes` says after a vote, by what the store did with it. */
function castLine(cast: CastVote, vote: string, name: string): string {
  if (cast === 'changed') return `Changed this voter's vote for ${name} to ${vote}`;
  if (cast === 'unchanged') return `This voter's ${vote} vote for ${name} was already counted`;
  return `Recorded a ${vote} vote for ${name}`;
}

export async function run(argv: string[], io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' }, voter: { type: 'string' } }, 'votes');
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length < 1 || positionals.length > 2) {
    throw new UsageError(`votes takes a tool and optionally ship or skip, got ${positionals.length === 0 ? 'nothing' : positionals.length} (see --help)`);
  }
  const [ref, vote] = positionals as [string, string | undefined];
  if (vote != null && vote !== 'ship' && vote !== 'skip') throw new UsageError(`a vote is ship or skip, got "${vote}"`);
  const voter = values.voter as string | undefined;
  if (vote == null && voter != null) throw new UsageError('--voter goes with a vote (ship or skip)');
  if (vote != null && voter == null) throw new UsageError('a vote needs --voter KEY: the site’s anonymous id for the reader (see --help)');
  if (voter != null) checkVoterKey(voter);
  const config = loadConfig(env);
  const store = openStore(config.dbPath, { access: vote == null ? 'read' : 'write' });
  try {
    const deps = { store, resolveReview: createDesk(store, { threshold: config.shipThreshold }).resolve };
    const result = vote == null || voter == null ? toolVotes(ref, deps) : recordVote(ref, { vote, voter }, deps);
    const { tool, community } = result;
    const name = terminalLine(tool.name);
    const cast = 'cast' in result ? (result.cast as CastVote) : null;
    const readable = cast == null ? `${name}: ${community.text}\n` : `${castLine(cast, vote ?? '', name)}: ${community.text}\n`;
    io.stdout(values.json ? `${JSON.stringify({ tool: { name: tool.name, slug: tool.slug, url: tool.url }, ...(cast == null ? {} : { cast }), community }, null, 2)}\n` : readable);
    return 0;
  } finally {
    store.close();
  }
}
