/**
 * The simulator's HTTP server: one handler for all three providers. Each request is routed to
 * its wire module, checked for auth, run through the fault planner, then answered (after the
 * configured latency) with a schema-driven answer and simulated usage.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { safeJsonParse } from '../json-file.js';
import { generateAnswer, generateInvalidAnswer, generateMalformedAnswer } from './answers.js';
import { PromptCache, type CacheTicket } from './cache.js';
import { createBatchEndpoints } from './batch-routes.js';
import { FaultPlanner, type FaultDecision } from './faults.js';
import { createAnswerTuner } from './persona-tuning.js';
import { openaiWire } from './openai.js';
import { apiKeyOf, routeOf, sendJson, type Route } from './respond.js';
import {
  BadRequest,
  type ParsedRequest,
  type SimulatedCall,
  type Simulator,
  type SimulatorOptions,
  type WireErrorKind,
} from './types.js';

const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Enough to tell retries apart in any test or benchmark, bounded so memory stays flat. */
const ATTEMPT_KEYS = 10_000;
/** Calls kept by default: every call of any test, and ~20 MB at most (a call holds its request body). */
export const DEFAULT_RECORDED_CALLS = 1000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const planner = new FaultPlanner(options);
  const cache = new PromptCache();
  const tune = createAnswerTuner(options.personaBias);
  const calls: SimulatedCall[] = [];
  const keepCalls = options.recordCalls === false ? 0 : options.recordCalls === true || options.recordCalls === undefined ? DEFAULT_RECORDED_CALLS : Math.max(0, Math.floor(options.recordCalls));
  const record = (call: SimulatedCall) => {
    if (keepCalls === 0) return;
    calls.push(call);
    if (calls.length > keepCalls) calls.splice(0, calls.length - keepCalls);
  };
  const attempts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const counts = { requests: 0, byProvider: {} as Record<string, number>, faults: {} as Record<string, number> };
  let sequence = 0;
  // Batch interfaces live in batch-routes.ts and its per-provider files; answers as online.
  const batches = createBatchEndpoints({
    cache,
    apiKeys: options.apiKeys,
    record,
    tune,
  });

  const countFault = (kind: string) => {
    counts.faults[kind] = (counts.faults[kind] ?? 0) + 1;
  };

  const later = (response: ServerResponse, delayMs: number, action: () => void) => {
    if (delayMs <= 0) return action();
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, delayMs);
    timers.add(timer);
    // A client that gave up needs no answer; drop the timer so close() has nothing to wait for.
    response.once('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const attemptOf = (route: Route, raw: string): number => {
    const key = `${route.wire.provider}:${createHash('sha1').update(raw).digest('hex')}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.delete(key);
    attempts.set(key, attempt);
    if (attempts.size > ATTEMPT_KEYS) attempts.delete(attempts.keys().next().value ?? key);
    return attempt;
  };

  const handle = (request: IncomingMessage, response: ServerResponse, raw: string) => {
    sequence += 1;
    const requestId = `req_sim_${sequence.toString(16).padStart(8, '0')}`;
    if (batches.handle(request, response, raw, requestId, origin)) return;
    const url = new URL(request.url ?? '/', 'http://simulator');
    const route = routeOf(request.method ?? 'GET', url.pathname);
    if (route === undefined) {
      if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/health')) {
        return sendJson(response, 200, { simulator: 'ship-or-skip', simulated: true }, requestId);
      }
      // Unknown paths answer in OpenAI's shape, the most common client of arbitrary base URLs.
      const message = `Unknown request URL: ${request.method} ${url.pathname}.`;
      const error = openaiWire.error('notFound', { requestId, message });
      return sendJson(response, error.status, error.body, requestId);
    }
    const { wire } = route;
    const fail = (kind: WireErrorKind, message?: string, retryAfterMs?: number) => {
      const error = wire.error(kind, {
        requestId,
        ...(message === undefined ? {} : { message }),
        ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: retryAfterMs / 1000 }),
      });
      sendJson(response, error.status, error.body, requestId, retryAfterMs);
    };
    counts.requests += 1;
    counts.byProvider[wire.provider] = (counts.byProvider[wire.provider] ?? 0) + 1;
    if (route.unsupported) {
      return fail('notFound', `The simulator does not implement ${request.method} ${url.pathname}.`);
    }

    const json = safeJsonParse(raw);
    const body = json.ok ? json.value : undefined;
    let parsed: ParsedRequest | undefined;
    let problem = json.ok ? undefined : `Invalid JSON body: ${json.error}`;
    try {
      if (json.ok) parsed = wire.parse(body, route.pathModel);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      problem = error.message;
    }
    const call: SimulatedCall | undefined = parsed && {
      provider: wire.provider,
      model: parsed.model,
      path: url.pathname,
      body,
      promptText: parsed.promptText,
      attempt: attemptOf(route, raw),
    };
    if (call) record(call);

    const key = apiKeyOf(request.headers, url.searchParams);
    if (options.apiKeys !== undefined && (key === undefined || !options.apiKeys.includes(key))) {
      countFault('unauthorized');
      return fail('unauthorized');
    }
    if (parsed === undefined || call === undefined) return fail('badRequest', problem);

    const decision = planner.decide(wire.provider, Date.now());
    if (decision !== undefined) countFault(decision.kind);
    if (decision?.kind === 'hang') return; // held open until the client aborts or close()
    // Refusals come back at once, as a gateway would send them; only "model work" has latency.
    if (decision?.kind === 'rate429' || decision?.kind === 'rateLimited') {
      return fail('rate429', undefined, decision.retryAfterMs);
    }
    if (decision?.kind === 'unauthorized') return fail('unauthorized', undefined, decision.retryAfterMs);

    // Looked up on arrival, readable by others only once answered: parallel calls miss each other.
    const ticket = cache.begin(wire.provider, parsed);
    const latency = typeof options.latencyMs === 'function' ? options.latencyMs(call) : (options.latencyMs ?? 0);
    const send = () =>
      // A client that gave up while its answer was held needs no answer.
      response.destroyed ? undefined : later(response, latency, () => {
        if (decision?.kind === 'server500' || decision?.kind === 'overloaded529') {
          return fail(decision.kind, undefined, decision.retryAfterMs);
        }
        answer(response, route, parsed, decision, requestId, call, ticket);
      });
    if (holding) heldAnswers.push(send);
    else send();
  };
  let origin = '';
  let holding = false;
  const heldAnswers: Array<() => void> = [];

  const answer = (
    response: ServerResponse,
    route: Route,
    parsed: ParsedRequest,
    decision: FaultDecision | undefined,
    requestId: string,
    call: SimulatedCall,
    ticket: CacheTicket,
  ) => {
    const result =
      decision?.kind === 'malformedJson' ? generateMalformedAnswer(parsed.schema, parsed.promptText)
      : decision?.kind === 'invalidAnswer' ? generateInvalidAnswer(parsed.schema, parsed.promptText)
      : generateAnswer(parsed.schema, parsed.promptText, tune(parsed.promptText));
    call.answerText = result.text;
    const usage = cache.finish(ticket, result.text);
    sendJson(response, 200, route.wire.success(parsed, result, usage, requestId), requestId);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        if (size > MAX_BODY_BYTES) {
          return sendJson(response, 413, { error: { message: 'Request body too large' } }, 'req_sim_too_large');
        }
        handle(request, response, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        sendJson(response, 500, { error: { message: `Simulator bug: ${(error as Error).message}` } }, 'req_sim_error');
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  origin = url;

  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrls: { openai: `${url}/v1`, anthropic: url, google: url },
    calls,
    stats: () => ({
      requests: counts.requests,
      byProvider: { ...counts.byProvider },
      faults: { ...counts.faults },
    }),
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const send of heldAnswers.splice(0)) send();
    },
    held: () => heldAnswers.length,
    batches: batches.control,
    close: () => {
      heldAnswers.length = 0;
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        // Hanging requests and idle keep-alive connections would otherwise hold close() open.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
