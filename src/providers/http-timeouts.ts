/**
 * The HTTP layer's own timeouts, made to follow our call timeout. Node's fetch (its bundled
 * undici) gives up on a response whose headers take more than 300 s (`headersTimeout`) and on a
 * body that pauses for 300 s (`bodyTimeout`), whatever timeout the SDK was given: against a slow
 * local server (a llama.cpp prompt of 4,000 tokens on 2 cores takes ~80 s, four queued ones
 * more than 300 s) a `PANEL_CALL_TIMEOUT_MS` above five minutes was cut short and re-sent.
 *
 * Every SDK client gets a `fetch` that passes a dispatcher forwarding to Node's own global
 * dispatcher with both timeouts raised to ours plus a grace, so our deadline (which names the
 * timeout, see `adapter-call.ts`) is always the one that fires. Forwarding to Node's own
 * dispatcher keeps its connection pool and needs no second copy of undici; `@google/genai`
 * does the same to switch these timeouts off (its `createUndiciNoTimeoutDispatcher`).
 */

/** Where Node's bundled undici keeps the process's dispatcher (undici's `setGlobalDispatcher`). */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** Past our own deadline, so the HTTP layer never reports a timeout we would have named. */
export const HTTP_TIMEOUT_GRACE_MS = 5_000;

/** The part of undici's Dispatcher that fetch uses. */
export interface ForwardingDispatcher {
  dispatch(options: object, handler: object): boolean;
  /** What `dispatch` sets on every request, for tests and diagnostics. */
  readonly timeouts: { headersTimeoutMs: number; bodyTimeoutMs: number };
}

interface NodeDispatcher {
  dispatch(options: object, handler: object): boolean;
}

function nodeDispatcher(): NodeDispatcher {
  const holder = globalThis as unknown as Record<symbol, NodeDispatcher | undefined>;
  let dispatcher = holder[GLOBAL_DISPATCHER];
  if (dispatcher == null) {
    // Node loads its undici (which installs the global dispatcher) lazily, on first use.
    new Headers();
    dispatcher = holder[GLOBAL_DISPATCHER];
  }
  if (dispatcher == null || typeof dispatcher.dispatch !== 'function') {
    throw new TypeError('Node.js fetch has no global dispatcher to send the request through');
  }
  return dispatcher;
}

/**
 * `callTimeoutMs` undefined switches both off (0, as `@google/genai` does): our own deadline,
 * which every adapter call has, is then the only one.
 */
export function timeoutDispatcher(
  callTimeoutMs: number | undefined,
  graceMs = HTTP_TIMEOUT_GRACE_MS,
): ForwardingDispatcher {
  const timeoutMs = callTimeoutMs == null ? 0 : Math.ceil(callTimeoutMs) + graceMs;
  return {
    timeouts: { headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs },
    dispatch(options, handler) {
      // Read per request: a test or an app may install another global dispatcher later.
      return nodeDispatcher().dispatch({ ...options, headersTimeout: timeoutMs, bodyTimeout: timeoutMs }, handler);
    },
  };
}

/**
 * A `fetch` for the SDKs' `fetch` option. It looks up `globalThis.fetch` per call rather than
 * keeping the one present at construction, so an interceptor installed later (nock) still sees
 * the request.
 */
export function fetchWithTimeouts(callTimeoutMs: number | undefined): typeof fetch {
  const dispatcher = timeoutDispatcher(callTimeoutMs);
  return (input, init) =>
    // fetch calls only `dispatch`; undici's Dispatcher type lists its whole client API.
    globalThis.fetch(input, { ...init, dispatcher } as unknown as RequestInit);
}
