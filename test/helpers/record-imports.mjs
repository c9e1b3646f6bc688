// `node --import ./test/helpers/record-imports.mjs …`: prints every bare package specifier the
// program resolved, one per line on stderr as `import: NAME`, when the process exits. Lets a
// test check which packages a command loads, without timing anything.
import { register } from 'node:module';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on('message', (specifier) => seen.add(specifier));
port1.unref();
const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  if (!/^[./]|^[a-z]+:/.test(specifier)) port.postMessage(specifier);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });
process.on('exit', () => {
  // Messages still queued at exit have not reached the listener yet: drain them here.
  for (let message = receiveMessageOnPort(port1); message; message = receiveMessageOnPort(port1)) seen.add(message.message);
  for (const specifier of seen) process.stderr.write(`import: ${specifier}\n`);
});
