/**
 * A GitHub API error answer → one line a person can act on. Rate limits say when they lift;
 * nothing here ever echoes the token (it is not an input, and echoed bodies are redacted).
 * @see https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
import type { IncomingHttpHeaders } from 'node:http';
import { IntakeError } from '../errors.js';
import { safeJsonParse } from '../json-file.js';
import { GitHubErrorBody } from './github-api.js';

/** GitHub said "not now": carries when to try again, for a caller that can wait (batch). */
export class GitHubRateLimitError extends IntakeError {
  /** When the limit lifts; undefined when GitHub did not say. */
  readonly resetAt: Date | undefined;
  constructor(message: string, resetAt: Date | undefined) {
    super(message);
    this.resetAt = resetAt;
  }
}

export interface GitHubAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ErrorContext {
  /** "github.com/owner/repo", for the message. */
  repository: string;
  /** Set when a token was sent; its value is used only to redact echoed text. */
  token: string | undefined;
  /** Milliseconds since the epoch. */
  now: number;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** GitHub's own `message`, one line, short, with any echo of the token taken out. */
export function gitHubMessage(body: Buffer, token: string | undefined): string | undefined {
  const parsed = safeJsonParse(body.toString('utf8'));
  const result = GitHubErrorBody.safeParse(parsed.ok ? parsed.value : undefined);
  let message = result.success ? result.data.message?.replace(/\s+/g, ' ').trim() : undefined;
  if (!message) return undefined;
  if (token) message = message.split(token).join('[redacted]');
  return message.length > 160 ? `${message.slice(0, 159)}…` : message;
}

function isRateLimited(answer: GitHubAnswer, message: string | undefined): boolean {
  if (answer.status === 429) return true;
  if (answer.status !== 403) return false;
  // A primary limit empties x-ratelimit-remaining; a secondary one sends retry-after instead.
  return (
    header(answer.headers, 'x-ratelimit-remaining') === '0' ||
    header(answer.headers, 'retry-after') != null ||
    /rate limit/i.test(message ?? '')
  );
}

/** retry-after (seconds) wins over x-ratelimit-reset (epoch seconds): it is the more specific. */
function resetTime(headers: IncomingHttpHeaders, now: number): Date | undefined {
  const retryAfter = Number(header(headers, 'retry-after'));
  if (header(headers, 'retry-after') != null && Number.isFinite(retryAfter) && retryAfter >= 0) {
    return new Date(now + retryAfter * 1000);
  }
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (header(headers, 'x-ratelimit-reset') != null && Number.isFinite(reset) && reset > 0) return new Date(reset * 1000);
  return undefined;
}

/** "in 45 s", "in 12 min", "in 1 h 5 min"; minutes round up so the wait is never understated. */
export function waitWords(ms: number): string {
  if (ms <= 0) return 'now';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in ${minutes} min`;
  return `in ${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

function clockWords(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

function rateLimitError(answer: GitHubAnswer, context: ErrorContext): GitHubRateLimitError {
  const resetAt = resetTime(answer.headers, context.now);
  const when = resetAt ? `; resets at ${clockWords(resetAt)} (${waitWords(resetAt.getTime() - context.now)})` : '';
  const hint = context.token
    ? ' The limit applies to GITHUB_TOKEN; wait for the reset.'
    : ' Set GITHUB_TOKEN for a higher limit.';
  return new GitHubRateLimitError(`GitHub API rate limit reached${when}.${hint}`, resetAt);
}

/**
 * The error for a non-2xx answer about `context.repository` (the repository itself, or
 * `subject` such as "the README of …" for a sub-resource).
 */
export function gitHubError(answer: GitHubAnswer, context: ErrorContext, subject = context.repository): IntakeError {
  const message = gitHubMessage(answer.body, context.token);
  if (isRateLimited(answer, message)) return rateLimitError(answer, context);
  const said = message ? `: ${message}` : '';
  switch (answer.status) {
    case 404:
      return new IntakeError(
        context.token
          ? `${subject} was not found (404): no such repository, or a private one GITHUB_TOKEN cannot read`
          : `${subject} was not found (404): no such repository, or a private one (set GITHUB_TOKEN to read it)`,
      );
    case 401:
      return new IntakeError(
        context.token
          ? `GitHub rejected GITHUB_TOKEN (401${said}): replace it or unset it`
          : `GitHub API answered 401 for ${subject}${said}`,
      );
    case 403:
      return new IntakeError(`GitHub refused access to ${subject} (403${said})`);
    case 451:
      return new IntakeError(`${subject} is unavailable for legal reasons (451${said})`);
    default:
      return new IntakeError(
        answer.status >= 500
          ? `GitHub API answered ${answer.status} for ${subject}${said}; try again later`
          : `GitHub API answered ${answer.status} for ${subject}${said}`,
      );
  }
}
