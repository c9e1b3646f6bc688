/** Entry point: load `.env`, run one command, set the exit code. */
import { config as loadDotenv } from 'dotenv';
import { errorText } from './error-line.js';
import { processIO } from './io.js';
import { runCli } from './run.js';

// A promise rejected or an exception thrown outside a command's await (a stray timer, an SDK
// callback) is still one line and exit 1, never Node's stack dump.
const crash = (error: unknown) => {
  process.stderr.write(errorText(error));
  process.exit(1);
};
process.on('unhandledRejection', crash);
process.on('uncaughtException', crash);

loadDotenv({ quiet: true });
process.exitCode = await runCli(process.argv.slice(2), processIO);
