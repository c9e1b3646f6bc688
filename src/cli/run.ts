/**
 * The command dispatcher: the one place that turns errors into a line on stderr and an exit
 * code (0 done, 1 failed or incomplete, 2 bad usage or input). Commands load lazily.
 */
import { UsageError } from '../errors.js';
import { quoteInput } from '../terminal-text.js';
import { errorExitCode, errorText } from './error-line.js';
import type { CliIO } from './io.js';

type Env = Record<string, string | undefined>;
interface Command {
  run(argv: string[], io: CliIO, env?: Env): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  review: { summary: 'draft a panel verdict for one tool URL or file', load: () => import('./commands/review.js') },
  batch: { summary: 'review every tool of a URL list, JSON list or RSS/Atom feed (resumable)', load: () => import('./commands/batch.js') },
  demo: { summary: 'the whole pipeline offline, against the built-in simulator', load: () => import('./commands/demo.js') },
  simulator: { summary: 'run the provider simulator on loopback (for tests and local use)', load: () => import('./commands/simulator.js') },
  drafts: { summary: "the editor's desk: list, show, edit, regenerate, approve, reject drafts", load: () => import('./commands/drafts.js') },
  compare: { summary: 'the comparison page of two tools (JSON, summary, --html) and its verdict line', load: () => import('./commands/compare.js') },
  votes: { summary: 'record a community vote for a tool (ship or skip), or show its count', load: () => import('./commands/votes.js') },
  publish: { summary: 'write the approved reviews and comparisons as JSON files for the site', load: () => import('./commands/publish.js') },
  serve: { summary: "the editor's desk as a web page on 127.0.0.1 (--port, --host)", load: () => import('./commands/serve.js') },
  calibrate: { summary: 'is the panel any good: ship rates, histograms, κ against editors, independence, SVG plots', load: () => import('./commands/calibrate.js') },
  bench: { summary: "the spec's benchmarks against the simulator: a table and a JSON file of figures", load: () => import('./commands/bench.js') },
  eval: { summary: 'ask the panel again on the approved reviews with candidate persona or prompt files, side by side', load: () => import('./commands/eval.js') },
};

export const USAGE = `Usage: npm run <command> -- [options]    (each command has --help)

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n')}
`;

export async function runCli(argv: string[], io: CliIO, env?: Env): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name == null || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(USAGE);
      return name == null ? 2 : 0;
    }
    if (!Object.hasOwn(COMMANDS, name)) throw new UsageError(`unknown command ${quoteInput(name)} (commands: ${Object.keys(COMMANDS).join(', ')})`);
    const command = COMMANDS[name] as (typeof COMMANDS)[string];
    return await (await command.load()).run(rest, io, env);
  } catch (error) {
    io.stderr(errorText(error, env));
    return errorExitCode(error);
  }
}
