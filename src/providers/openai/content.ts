/**
 * The shapes an OpenAI-compatible `message` takes, read into one answer. `content` is a string
 * for OpenAI, but an array of typed parts for Mistral's reasoning models
 * (`[{type:"thinking",thinking:[…]},{type:"text",text:"…"}]`) and some gateways; reasoning comes
 * as parts, as `reasoning_content` (DeepSeek, xAI) or as `reasoning` (Ollama, Groq, OpenRouter).
 * Reasoning never reaches the answer text (the schema validates the answer alone); its tokens
 * are in `completion_tokens` on every server we have recordings of, so they are billed and counted.
 */

export interface MessageContent {
  /** The answer: every text part, joined in order. */
  text: string;
  /** What the model declined with (OpenAI's `refusal`, or a refusal part). */
  refusal: string | undefined;
}

/** The message fields we read; every one may be missing on some server. */
interface LooseMessage {
  content?: unknown;
  refusal?: unknown;
}

export function readMessageContent(message: LooseMessage | null | undefined): MessageContent {
  const texts: string[] = [];
  const refusals: string[] = [];
  const content = message?.content;
  if (typeof content === 'string') texts.push(content);
  else if (Array.isArray(content)) {
    for (const part of content as unknown[]) {
      const read = readPart(part);
      if (read.kind === 'text') texts.push(read.text);
      else if (read.kind === 'refusal' && read.text.trim() !== '') refusals.push(read.text);
    }
  }
  if (typeof message?.refusal === 'string' && message.refusal.trim() !== '') refusals.unshift(message.refusal);
  return {
    text: texts.join(''),
    refusal: refusals.length > 0 ? refusals.join(' ') : undefined,
  };
}

/** `other` is reasoning or anything that is not the answer: it is left out. */
type Part = { kind: 'text' | 'refusal' | 'other'; text: string };

function readPart(part: unknown): Part {
  if (typeof part === 'string') return { kind: 'text', text: part };
  if (part == null || typeof part !== 'object') return { kind: 'other', text: '' };
  const { type, text, refusal } = part as Record<string, unknown>;
  switch (type) {
    case 'text':
      return { kind: 'text', text: typeof text === 'string' ? text : '' };
    case 'refusal':
      return { kind: 'refusal', text: typeof refusal === 'string' ? refusal : '' };
    default:
      // Thinking and reasoning parts, and unknown ones (images, citations), are not the answer.
      return { kind: 'other', text: '' };
  }
}
