/** Text of the many content shapes the three APIs accept (strings, parts, blocks, results). */
import { isRecord } from './types.js';

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(textOf).filter((text) => text.length > 0).join('\n');
  if (!isRecord(content)) return '';
  if (typeof content.text === 'string') return content.text;
  // Anthropic tool_result blocks and OpenAI tool messages nest their text one level down.
  if (content.content !== undefined) return textOf(content.content);
  if (content.parts !== undefined) return textOf(content.parts);
  return '';
}
