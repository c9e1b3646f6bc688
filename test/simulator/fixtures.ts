/** Prompts and schemas shared by the simulator tests. */
import { z } from 'zod';
import { PersonaAnswer, PersonaAnswerSent, ProfileAnswer } from '../../src/schemas.js';

/** The persona schema as the panel sends it (confidence required). */
export const personaSchema = z.toJSONSchema(PersonaAnswerSent) as Record<string, unknown>;
export const profileSchema = z.toJSONSchema(ProfileAnswer) as Record<string, unknown>;

/** Long enough (≈ 5,000 tokens at 4 chars each) to clear every provider's cache minimum (Gemini 3.x: 4,096). */
export const sharedPrefix = [
  'You are one reviewer on a panel that drafts ship/skip verdicts for AI tools.',
  'Tool: Cursor',
  ...Array.from({ length: 300 }, (_, index) => `Instruction ${index}: weigh the evidence on the page, not its claims.`),
].join('\n');

export const personaTail = (persona: string) => `Persona: ${persona}\nAnswer with a score, a verdict and a quote.`;

export const profilePrompt = [
  'Title: Cursor - The AI Code Editor',
  'Description: Cursor is an AI-first code editor. It predicts your next edit and answers questions about your codebase.',
].join('\n');

export const isConsistentPersona = (value: unknown): boolean => {
  const answer = PersonaAnswer.safeParse(value);
  return answer.success && (answer.data.score >= 50) === (answer.data.verdict === 'ship');
};

export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
