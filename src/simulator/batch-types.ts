/**
 * What a test controls and reads of the simulator's batch interfaces (OpenAI Batch, Anthropic
 * Message Batches, Gemini batch mode). Kept apart from `types.ts`, which it extends.
 */

export interface BatchSubmissionStats {
  /** HTTP requests to the batch endpoints (uploads, creates, polls, downloads), refused ones too. */
  requests: number;
  /** Batches created, all providers. */
  submissions: number;
  byProvider: Record<string, number>;
  /** Requests inside those batches. */
  items: number;
  /** Times each custom id was submitted (bounded; oldest ids forgotten first). */
  byCustomId: ReadonlyMap<string, number>;
  /** The highest count in `byCustomId`: 1 proves that no request went in twice. */
  maxPerCustomId: number;
}

export interface SimulatorBatches {
  /**
   * Batches stay in progress from now on until `release()` (those already in progress too);
   * without it a batch ends as soon as it is created.
   */
  hold(): void;
  /** Ends every held batch (answering its requests) and stops holding. */
  release(): void;
  /** Batches in progress right now. */
  held(): number;
  /**
   * The next batch created ends expired: its first `answered` requests (default 0) get answers,
   * the rest never run.
   */
  expireNext(options?: { answered?: number }): void;
  /** Requests with these custom ids fail inside their batch (a 500 in the provider's shape), once each. */
  failItems(customIds: readonly string[]): void;
  stats(): BatchSubmissionStats;
}
