/** Entry point: load `.env`, run one command, set the exit code. */
import { config as loadDotenv } from 'dotenv';
import { processIO } from './io.js';
import { runCli } from './run.js';

loadDotenv({ quiet: true });
process.exitCode = await runCli(process.argv.slice(2), processIO);
