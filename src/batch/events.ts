/**
 * What a batch run tells its watcher, one object per event. Off a TTY each becomes one JSON
 * line on stderr (for logs); on a TTY they drive the progress bar. Money is USD, times are ms.
 */
export type BatchEvent =
  | {
      event: 'batch-start';
      runId: number;
      source: string;
      kind: string;
      resumed: boolean;
      /** Tools the run will review in the end (done, failed and still to do), skipped excluded. */
      total: number;
      done: number;
      failed: number;
      /** Left to do now: queued, plus any a killed process left running. */
      todo: number;
      skipped: number;
      duplicates: number;
      budgetUsd: number | null;
    }
  | { event: 'source-warning'; message: string }
  | { event: 'tool-start'; url: string; target: string; attempt: number }
  | { event: 'tool-done'; url: string; reviewId: string; complete: boolean; costUsd: number; ms: number }
  | { event: 'tool-failed'; url: string; error: string; ms: number }
  /** Not reviewed after all: another batch is reviewing it, or has just reviewed it. */
  | { event: 'tool-skipped'; url: string; reason: string; reviewId: string | null }
  /** `batch --stale`: the tool's sources or versions changed since its published review; it is re-reviewed. */
  | { event: 'tool-changed'; url: string; reasons: string[]; amends: string }
  | { event: 'rate-limited'; provider: string; pauseMs: number; requestsPerMinute: number; tokensPerMinute: number; decreased: boolean }
  | { event: 'budget-stop'; budgetUsd: number; spentUsd: number; inFlightUsd: number; nextEstimateUsd: number }
  /** `--mode batch-api`: a provider batch was handed to the provider (its id is stored). */
  | { event: 'provider-batch-submitted'; model: string; batchId: string; requests: number }
  /** A batch an earlier (killed) process submitted, polled again by this one. */
  | { event: 'provider-batch-resumed'; model: string; batchId: string; requests: number }
  /** Its outcomes are stored; `notRun` items (expired, cancelled) are answered online. */
  | { event: 'provider-batch-done'; model: string; batchId: string; state: string; succeeded: number; failed: number; notRun: number }
  /** Submit refused, status unreadable, or a submit a killed process left unfinished: its requests go online. */
  | { event: 'provider-batch-failed'; model: string; batchId: string | null; requests: number; reason: string }
  | { event: 'stopping'; reason: string; graceMs: number; inFlight: number }
  | { event: 'aborting'; reason: string; inFlight: number }
  | {
      event: 'batch-end';
      status: string;
      reviewed: number;
      failed: number;
      left: number;
      costUsd: number;
      wallMs: number;
    };

export type EmitEvent = (event: BatchEvent) => void;
