/**
 * OpenAI Batch on the simulator, as openai 6.49 calls it: `POST /v1/files` (multipart, purpose
 * `batch`), `POST /v1/batches`, `GET /v1/batches/:id`, `GET /v1/files/:id/content`. Output and
 * error files are made from the batch's answers when read: a 200 in the output file, any other
 * status in the error file with its body, and a request cut off by an expiry as an error line
 * coded `batch_expired`, as the real files carry them.
 * @see https://platform.openai.com/docs/api-reference/batch
 */
import { errorReply, jsonBody, type BatchReply, type BatchRequest, type BatchRoutes } from './batch-wire.js';
import type { BatchItem, BatchStore, StoredBatch } from './batches.js';
import { openaiWire } from './openai.js';
import { isRecord } from './types.js';

const MAX_FILES = 1_000;
const ENDPOINT = '/v1/chat/completions';
const DAY_SECONDS = 24 * 3600;

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
  createdAt: number;
}

export function openaiBatchRoutes(): BatchRoutes {
  const files = new Map<string, StoredFile>();
  let sequence = 0;

  const upload = (request: BatchRequest): BatchReply => {
    const form = parseMultipart(request);
    if (form === undefined) return errorReply(openaiWire, 'badRequest', request.requestId, 'Expected multipart/form-data.');
    const file = form.get('file');
    const purpose = form.get('purpose')?.content;
    if (file === undefined || purpose === undefined) {
      return errorReply(openaiWire, 'badRequest', request.requestId, "Missing required parameter: 'file' or 'purpose'.");
    }
    sequence += 1;
    const stored: StoredFile = {
      id: `file-sim${sequence.toString(36).padStart(8, '0')}`,
      filename: file.filename ?? 'upload',
      purpose,
      content: file.content,
      createdAt: Math.floor(Date.now() / 1000),
    };
    files.set(stored.id, stored);
    while (files.size > MAX_FILES) files.delete(files.keys().next().value ?? '');
    return { status: 200, body: fileObject(stored) };
  };

  const create = (request: BatchRequest, store: BatchStore): BatchReply => {
    const body = jsonBody(request.raw);
    const bad = (message: string) => errorReply(openaiWire, 'badRequest', request.requestId, message);
    if (!isRecord(body)) return bad('Invalid JSON body.');
    const input = typeof body.input_file_id === 'string' ? files.get(body.input_file_id) : undefined;
    if (input === undefined) return bad(`No such File object: ${String(body.input_file_id)}`);
    if (input.purpose !== 'batch') return bad("The input file must be uploaded with purpose 'batch'.");
    if (body.endpoint !== ENDPOINT) return bad(`The simulator runs batches for ${ENDPOINT} only.`);
    if (body.completion_window !== '24h') return bad("completion_window must be '24h'.");
    const items = readInput(input.content);
    if (typeof items === 'string') return bad(items);
    const batch = store.create(openaiWire, items, { inputFileId: input.id });
    return { status: 200, body: batchObject(batch) };
  };

  const content = (request: BatchRequest, store: BatchStore, fileId: string): BatchReply => {
    const stored = files.get(fileId);
    if (stored) return { status: 200, text: stored.content, contentType: 'application/octet-stream' };
    const match = /^file-simbatch-(out|err)-(.+)$/.exec(fileId);
    const batch = match ? store.get(match[2] ?? '') : undefined;
    const outcomes = batch && store.outcomes(batch);
    if (match === null || batch === undefined || outcomes === undefined) {
      return errorReply(openaiWire, 'notFound', request.requestId, `No such File object: ${fileId}`);
    }
    const lines = outcomes.flatMap((outcome) => {
      const ok = outcome.run && outcome.status === 200;
      if ((match[1] === 'out') !== ok) return [];
      const id = `batch_req_${batch.id}_${outcome.customId}`;
      return [
        JSON.stringify(
          outcome.run
            ? { id, custom_id: outcome.customId, response: { status_code: outcome.status, request_id: outcome.requestId, body: outcome.body }, error: null }
            : { id, custom_id: outcome.customId, response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } },
        ),
      ];
    });
    return { status: 200, text: lines.map((line) => `${line}\n`).join(''), contentType: 'application/octet-stream' };
  };

  return {
    wire: openaiWire,
    matches: (method, path) =>
      (method === 'POST' && (path === '/v1/files' || path === '/v1/batches')) ||
      (method === 'GET' && (/^\/v1\/batches\/[^/]+$/.test(path) || /^\/v1\/files\/[^/]+\/content$/.test(path))),
    route(request, store) {
      const path = request.url.pathname;
      if (path === '/v1/files') return upload(request);
      if (path === '/v1/batches') return create(request, store);
      const fileId = /^\/v1\/files\/([^/]+)\/content$/.exec(path)?.[1];
      if (fileId !== undefined) return content(request, store, decodeURIComponent(fileId));
      const batchId = decodeURIComponent(path.slice('/v1/batches/'.length));
      const batch = store.get(batchId);
      if (batch === undefined) return errorReply(openaiWire, 'notFound', request.requestId, `No such Batch object: ${batchId}`);
      return { status: 200, body: batchObject(batch) };
    },
  };
}

/** The input file's lines as batch items, or what is wrong with them (the real API fails such a batch). */
function readInput(content: string): BatchItem[] | string {
  const items: BatchItem[] = [];
  const seen = new Set<string>();
  const lines = content.split('\n').filter((line) => line.trim() !== '');
  for (const [index, line] of lines.entries()) {
    const value = jsonBody(line);
    if (!isRecord(value) || typeof value.custom_id !== 'string') return `Line ${index + 1}: not a request object with a custom_id.`;
    if (value.method !== 'POST' || value.url !== ENDPOINT) return `Line ${index + 1}: method must be POST and url ${ENDPOINT}.`;
    if (seen.has(value.custom_id)) return `Line ${index + 1}: duplicate custom_id ${value.custom_id}.`;
    seen.add(value.custom_id);
    items.push({ customId: value.custom_id, body: value.body });
  }
  return lines.length === 0 ? 'The input file has no requests.' : items;
}

function batchObject(batch: StoredBatch): Record<string, unknown> {
  const created = Math.floor(batch.createdAt / 1000);
  const ended = batch.endedAt === undefined ? null : Math.floor(batch.endedAt / 1000);
  const outcomes = batch.outcomes ?? [];
  const completed = outcomes.filter((outcome) => outcome.run && outcome.status === 200).length;
  const failed = outcomes.filter((outcome) => outcome.run && outcome.status !== 200).length;
  const status = batch.state === 'in_progress' ? 'in_progress' : batch.state === 'expired' ? 'expired' : 'completed';
  const hasErrors = outcomes.some((outcome) => !outcome.run || outcome.status !== 200);
  return {
    id: batch.id,
    object: 'batch',
    endpoint: ENDPOINT,
    model: null,
    errors: null,
    input_file_id: batch.extra.inputFileId,
    completion_window: '24h',
    status,
    output_file_id: batch.state === 'in_progress' || completed === 0 ? null : `file-simbatch-out-${batch.id}`,
    error_file_id: batch.state === 'in_progress' || !hasErrors ? null : `file-simbatch-err-${batch.id}`,
    created_at: created,
    in_progress_at: created,
    expires_at: created + DAY_SECONDS,
    finalizing_at: ended,
    completed_at: batch.state === 'ended' ? ended : null,
    failed_at: null,
    expired_at: batch.state === 'expired' ? ended : null,
    cancelling_at: null,
    cancelled_at: null,
    request_counts: { total: batch.customIds.length, completed, failed },
    metadata: null,
  };
}

function fileObject(file: StoredFile): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    bytes: Buffer.byteLength(file.content),
    created_at: file.createdAt,
    expires_at: null,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    status_details: null,
  };
}

interface FormPart {
  filename?: string;
  content: string;
}

/** A multipart/form-data body's parts by name (text only: a batch file is JSONL). */
function parseMultipart(request: BatchRequest): Map<string, FormPart> | undefined {
  const type = String(request.headers['content-type'] ?? '');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!type.startsWith('multipart/form-data') || !marker) return undefined;
  const parts = new Map<string, FormPart>();
  for (const chunk of request.raw.split(`--${marker}`)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = chunk.slice(0, split);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) continue;
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    // Each part's content ends with the CRLF that precedes the next boundary.
    const content = chunk.slice(split + 4).replace(/\r\n$/, '');
    parts.set(name, { content, ...(filename !== undefined ? { filename } : {}) });
  }
  return parts;
}
