/** `serve`: the editor's desk as a web page, on 127.0.0.1 by default, until Ctrl-C. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../config.js';
import { checkBindAddress, createDesk, loadEditorApp, type EditorApp } from '../../editor/index.js';
import { UsageError } from '../../errors.js';
import { createEngine } from '../../engine/index.js';
import { openStore } from '../../store/index.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run serve -- [--port N] [--host ADDRESS]

The editor's desk in a browser: the queue of drafts, each draft as a scorecard to correct,
regenerate, approve or reject.

Options:
  --port N          port (default 8080; 0 picks a free one)
  --host ADDRESS    address to listen on (default 127.0.0.1)

Any address other than loopback (127.0.0.1, ::1, localhost) needs EDITOR_TOKEN: every request
then signs in with it (a form that asks for the token and your name) or sends
"Authorization: Bearer <token>" with an X-Editor-Name header. Without a token the page asks
for your name once and remembers it in the browser (EDITOR_NAME is the default).
`;

function portFlag(value: string | undefined): number {
  if (value == null) return 8080;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`);
  return Number(value);
}

export interface RunningServer {
  /** `http://127.0.0.1:8080/`, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

/** Listens with @hono/node-server; resolves once bound, rejects (one line) if it cannot bind. */
export function startServer(app: EditorApp, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    const failed = (error: NodeJS.ErrnoException) =>
      reject(new UsageError(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is in use: pass --port N` : `cannot listen on ${host}:${port}: ${error.message}`));
    server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const running = server as ServerType;
      running.off('error', failed);
      const shown = info.family === 'IPv6' || info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}/`,
        close: () =>
          new Promise<void>((done) => {
            running.close(() => done());
            // Keep-alive connections would hold the close open until they time out.
            if ('closeAllConnections' in running) running.closeAllConnections();
          }),
      });
    });
    server.once('error', failed);
  });
}

export async function run(argv: string[], io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' } }, 'serve');
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length > 0) throw new UsageError('serve takes no arguments (see --help)');
  const config = loadConfig(env);
  const host = values.host?.trim() || '127.0.0.1';
  const port = portFlag(values.port);
  checkBindAddress(host, config.editor.token);

  // A read-only database still serves its pages; the actions then say why they cannot write.
  const store = openStore(config.dbPath, { access: 'prefer-write' });
  try {
    const engine = await createEngine(config, { store });
    const desk = createDesk(store, { threshold: config.shipThreshold, personas: engine.context.personas });
    const createEditorApp = await loadEditorApp();
    const app = createEditorApp({ desk, engine });
    const server = await startServer(app, host, port);
    io.stdout(`Editor's desk: ${server.url}  (database ${config.dbPath}; Ctrl-C to stop)\n`);
    io.stdout(
      config.editor.token
        ? 'Protected by EDITOR_TOKEN: sign in with it in the browser, or send Authorization: Bearer.\n'
        : `No EDITOR_TOKEN: open to this machine only. Decisions are recorded under the name you give${config.editor.name ? ` (default ${config.editor.name})` : ''}.\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    io.stdout('Stopped.\n');
    return 0;
  } finally {
    store.close();
  }
}
