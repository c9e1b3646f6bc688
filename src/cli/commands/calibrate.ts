/** `calibrate`: is the panel any good? The calibration report from the store (text, --json, --svg DIR). */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildCalibrationReport, calibrationPlots, formatCalibrationText, MIN_INDEPENDENCE, MIN_KAPPA_PAIRS, MIN_REVIEWS } from '../../calibrate/index.js';
import { loadConfig, parseShare, parseShipBand } from '../../config.js';
import { UsageError } from '../../errors.js';
// The one helper, not the publish stage's index (which loads the page templates).
import { writeFileAtomic } from '../../publish/files.js';
import { openStore } from '../../store/index.js';
import { quoteInput } from '../../terminal-text.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run calibrate -- [--json] [--svg DIR] [--include-simulated] [--band 20-80] [--agreement 0.9] [--by week|month]

The calibration report from the store (PANEL_DB), per persona and model:
  n, ship rate, mean and SD of the model's scores, a 10-point score histogram;
  on approved reviews: how often editors changed the verdict or the score, the mean |change|,
  and Cohen's κ between the model's verdict and the approved one (bootstrap 95% interval,
  2,000 seeded resamples, and the n it rests on); the panel verdict's κ (ship/skip/mixed);
  a ship rate outside the band is flagged (⚑).
Independence, from reviews where every persona answered: verdict agreement and score
correlation per pair, n_eff = n²/Σρ (effective independent votes), and pairs that agree at or
above --agreement are named. Ship rate over time by week or month.

A figure on too few reviews says "not enough data": ship rate, mean and SD need ${MIN_REVIEWS}
answers, κ ${MIN_KAPPA_PAIRS} approved reviews, independence ${MIN_INDEPENDENCE} reviews with every persona.
Simulated reviews (npm run demo's) are left out unless --include-simulated, and then labelled.

Options:
  --json                 print the report as JSON
  --svg DIR              also write the plots as SVG files into DIR (created if missing)
  --include-simulated    include simulated reviews (labelled as such)
  --band MIN-MAX         the ship-rate band in percent (default PANEL_SHIP_BAND, else 20-80)
  --agreement SHARE      name persona pairs agreeing at least this often (default PANEL_AGREEMENT_LEVEL, else 0.9)
  --by week|month        ship rate over time by week or month (default: weeks for up to 26 weeks)
  -h, --help             this help
`;

async function svgFolder(dir: string): Promise<string> {
  const folder = path.resolve(dir);
  const existing = await stat(folder).catch(() => undefined);
  if (existing != null && !existing.isDirectory()) throw new UsageError(`--svg ${quoteInput(dir)} is a file, not a folder`);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot make the --svg folder ${quoteInput(dir)}: ${(error as NodeJS.ErrnoException).code ?? 'unwritable'}`, { cause: error });
  }
  return folder;
}

export async function run(argv: string[], io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      json: { type: 'boolean' },
      svg: { type: 'string' },
      'include-simulated': { type: 'boolean' },
      band: { type: 'string' },
      agreement: { type: 'string' },
      by: { type: 'string' },
    },
    'calibrate',
  );
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length > 0) throw new UsageError(`calibrate takes no arguments, got ${quoteInput(positionals[0] ?? '')} (see --help)`);
  if (values.by != null && values.by !== 'week' && values.by !== 'month') throw new UsageError(`--by is week or month, got ${quoteInput(values.by)}`);
  const config = loadConfig(env);
  const band = values.band == null ? config.calibration.band : parseShipBand(values.band, '--band');
  const agreementLevel = values.agreement == null ? config.calibration.agreementLevel : parseShare(values.agreement, '--agreement');
  const folder = values.svg == null ? null : await svgFolder(values.svg);
  const store = openStore(config.dbPath, { access: 'read' });
  try {
    const report = buildCalibrationReport(store, {
      includeSimulated: values['include-simulated'] === true,
      band,
      agreementLevel,
      ...(values.by == null ? {} : { by: values.by }),
    });
    if (folder != null) {
      const plots = calibrationPlots(report);
      for (const plot of plots) await writeFileAtomic(path.join(folder, plot.file), plot.svg);
      if (!values.json) io.stderr(`Wrote ${plots.length} SVG plot${plots.length === 1 ? '' : 's'} to ${values.svg}\n`);
    }
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatCalibrationText(report));
    return 0;
  } finally {
    store.close();
  }
}
