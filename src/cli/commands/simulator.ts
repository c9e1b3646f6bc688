/** `simulator`: the provider simulator on loopback until Ctrl-C, for trying the CLI by hand. */
import { UsageError } from '../../errors.js';
import { formatSimulatorBanner, startSimulator } from '../../simulator/index.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run simulator -- [--port N] [--latency MS] [--fault-rate R]

Serves the OpenAI, Anthropic and Gemini wire formats on 127.0.0.1 with simulated answers.
Point the CLI at it, e.g. OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 OPENAI_API_KEY=x npm run review -- …

Options:
  --port N         port (default: a free one)
  --latency MS     fixed latency per call (default 300)
  --fault-rate R   probability of each injected fault: 429, 500, 529, malformed JSON (default 0)
`;

function numberFlag(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value == null) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > max) throw new UsageError(`--${name} must be a number from 0 to ${max}`);
  return parsed;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { port: { type: 'string' }, latency: { type: 'string' }, 'fault-rate': { type: 'string' } },
    'simulator',
  );
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length > 0) throw new UsageError('simulator takes no arguments (see --help)');
  const rate = numberFlag(values['fault-rate'], 'fault-rate', 0, 1);
  const simulator = await startSimulator({
    port: numberFlag(values.port, 'port', 0, 65535),
    latencyMs: numberFlag(values.latency, 'latency', 300, 600_000),
    faults: { rate429: rate, server500: rate, overloaded529: rate, malformedJson: rate },
    // Nobody reads the call log of a simulator run by hand; kept, it grew by every request body.
    recordCalls: false,
  });
  io.stdout(`${formatSimulatorBanner(simulator)}\n`);
  io.stdout(`  OPENAI_BASE_URL=${simulator.baseUrls.openai}\n  ANTHROPIC_BASE_URL=${simulator.baseUrls.anthropic}\n  GOOGLE_GEMINI_BASE_URL=${simulator.baseUrls.google}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await simulator.close();
  return 0;
}
