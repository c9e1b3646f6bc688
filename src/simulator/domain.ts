/**
 * Domain touches so simulated output reads like a panel, while never passing for a real model:
 * every free text starts with "(simulated)". Persona and tool names come from `Persona:`,
 * `Tool:`, `Title:` and `Description:` lines the engine's prompts carry.
 */
import { integerBetween, pick, type Random } from './random.js';
import { simulatedConfidence, tunedScore, type AnswerTuning } from './persona-tuning.js';
import { isRecord, type JsonSchema } from './types.js';

type Verdict = 'ship' | 'skip';
type Template = (persona: string, tool: string) => string;

const QUOTES: Record<string, Record<Verdict, Template[]>> = {
  builder: {
    ship: [
      (p, t) => `As the ${p}, I'd ship ${t}: it slots into an existing stack without a rewrite, and setup took minutes.`,
      (p, t) => `${p} here. ${t} does plumbing I would otherwise write myself, so it earns a place in my toolchain.`,
      (p, t) => `I'd wire ${t} into a real project today; as the ${p} I care that the API is small and the docs are honest.`,
    ],
    skip: [
      (p, t) => `As the ${p}, I'd skip ${t} for now: the integration story is thin and I'd end up writing glue code.`,
      (p, t) => `${p} here. ${t} demos well, but I couldn't see how to run it in CI or pin its behaviour.`,
      (p, t) => `I'd pass on ${t}; as the ${p} I need exportable data and a stable API before I build on it.`,
    ],
  },
  skeptic: {
    ship: [
      (p, t) => `As the ${p}, I went looking for the catch in ${t} and found fewer than usual. It does what the page claims.`,
      (p, t) => `${p} here, reluctantly shipping ${t}: the claims are modest and the pricing is stated up front.`,
      (p, t) => `I expected marketing and got a working tool. As the ${p}, I'll ship ${t}, with an eye on lock-in.`,
    ],
    skip: [
      (p, t) => `As the ${p}, I'd skip ${t}: the page promises a lot and shows very little evidence.`,
      (p, t) => `${p} here. ${t} leans on benchmarks I can't reproduce, and the pricing is vague. Skip.`,
      (p, t) => `I don't see what ${t} does that a script and a free tier can't. As the ${p}, that's a skip.`,
    ],
  },
  futurist: {
    ship: [
      (p, t) => `As the ${p}, I think ${t} points where tooling is heading: agents that do the busywork. Ship.`,
      (p, t) => `${p} here. ${t} is early, but the idea compounds; in a year this will feel obvious.`,
      (p, t) => `I'd back ${t}. As the ${p}, I look for tools that get better as models do, and this one should.`,
    ],
    skip: [
      (p, t) => `As the ${p}, I'd skip ${t}: it is a thin layer that the next model release will absorb.`,
      (p, t) => `${p} here. ${t} solves yesterday's problem; the platforms will ship this as a checkbox.`,
      (p, t) => `I can't see ${t} surviving the next wave. As the ${p}, that makes it a skip.`,
    ],
  },
  creator: {
    ship: [
      (p, t) => `As the ${p}, I'd ship ${t}: it gets out of the way and lets me make the thing I came to make.`,
      (p, t) => `${p} here. ${t} turned an afternoon of fiddling into ten minutes, and the output looks like mine.`,
      (p, t) => `I'd recommend ${t} to other makers; as the ${p} I value that it respects my voice.`,
    ],
    skip: [
      (p, t) => `As the ${p}, I'd skip ${t}: everything it made looked generic, and I spent longer fixing it.`,
      (p, t) => `${p} here. ${t} is built for engineers first; the creative workflow feels bolted on.`,
      (p, t) => `I wanted ${t} to spark ideas, but as the ${p} I mostly got templates. Skip for now.`,
    ],
  },
  generic: {
    ship: [
      (p, t) => `As the ${p}, I'd ship ${t}: it does one job well and the trade-offs are stated plainly.`,
      (p, t) => `${p} here. ${t} earns a ship from me; it solved the problem I brought to it.`,
    ],
    skip: [
      (p, t) => `As the ${p}, I'd skip ${t}: the value isn't clear enough yet to justify switching.`,
      (p, t) => `${p} here. ${t} has promise, but not enough to ship today.`,
    ],
  },
};

/** Values the generic walk should use for known shapes; undefined for any other schema. */
export function domainOverrides(
  schema: JsonSchema,
  promptText: string,
  random: Random,
  tuning?: AnswerTuning,
): Record<string, unknown> | undefined {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  if (isPersonaAnswer(properties)) return personaAnswer(properties, promptText, random, tuning);
  if ('tagline' in properties && 'description' in properties) return toolProfile(properties, promptText);
  return undefined;
}

function isPersonaAnswer(properties: Record<string, unknown>): boolean {
  const score = properties.score;
  const verdict = properties.verdict;
  const scoreType = isRecord(score) && typeof score.type === 'string' ? score.type.toLowerCase() : '';
  const options = isRecord(verdict) && Array.isArray(verdict.enum) ? verdict.enum : [];
  return (scoreType === 'integer' || scoreType === 'number') && options.includes('ship') && options.includes('skip');
}

function personaAnswer(
  properties: Record<string, unknown>,
  promptText: string,
  random: Random,
  tuning: AnswerTuning | undefined,
): Record<string, unknown> {
  const score = tuning ? tunedScore(random, promptText, tuning) : integerBetween(random, 30, 92);
  // The engine's default threshold; a consistent pair is what a well-behaved model returns.
  const verdict: Verdict = score >= 50 ? 'ship' : 'skip';
  const persona = lastLine(promptText, 'Persona') ?? 'reviewer';
  const tool = firstLine(promptText, 'Tool') ?? 'this tool';
  const family = Object.keys(QUOTES).find((name) => persona.toLowerCase().includes(name)) ?? 'generic';
  const templates = (QUOTES[family] ?? QUOTES.generic)?.[verdict] ?? [];
  const template = templates.length > 0 ? pick(random, templates) : undefined;
  const overrides: Record<string, unknown> = { score, verdict };
  if ('quote' in properties && template) overrides.quote = `(simulated) ${template(persona, tool)}`;
  if ('confidence' in properties) overrides.confidence = simulatedConfidence(score, random);
  return overrides;
}

// Filler that keeps a simulated description inside the engine's 80–160 word rule without
// adding a number or a claim: the page's own description stays the only content.
const FILLER = [
  'It was profiled from the page metadata alone, so nothing here has been checked against the tool itself.',
  'A real model would describe what the tool does, who makes it, what sets it apart and how mature it is.',
  'This paragraph only gives the panel something of the usual length to read.',
  'Treat every sentence in it as placeholder text and rely on the page excerpt for anything that matters.',
  'The simulator answers from a hash of the prompt, so the same page always gets the same profile.',
  'Editors should never publish a simulated profile; run the review against a real model first.',
];

function paddedDescription(text: string): string {
  const sentences = [text, 'Written by the simulator, not a model.'];
  for (const sentence of FILLER) {
    if (sentences.join(' ').split(/\s+/).length >= 80) break;
    sentences.push(sentence);
  }
  return sentences.join(' ');
}

/** At most 90 characters, cut at a word: the engine's tagline rule. */
function shortLine(text: string, max = 90): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length).trimEnd()}…`;
}

function toolProfile(properties: Record<string, unknown>, promptText: string): Record<string, unknown> {
  const title = firstLine(promptText, 'Title');
  const name = title?.split(/\s+[-|–—]\s+/)[0]?.trim() || 'Simulated Tool';
  const description = firstLine(promptText, 'Description');
  const firstSentence = description?.match(/^.*?[.!?](\s|$)/)?.[0]?.trim() ?? description;
  const pricing = isRecord(properties.pricing) && isRecord(properties.pricing.properties) ? properties.pricing.properties : {};
  const entryOptions = isRecord(pricing.entry) && Array.isArray(pricing.entry.enum) ? pricing.entry.enum : [];
  return {
    name,
    tagline: shortLine(`(simulated) ${firstSentence ?? `${name}, profiled by the simulator`}`),
    description: paddedDescription(`(simulated) ${description ?? 'The page gave no description.'}`),
    category: 'Developer Tools',
    pricing: {
      entry: entryOptions.includes('Unknown') ? 'Unknown' : entryOptions[0],
      detail: '(simulated) Pricing was not checked by the simulator.',
    },
    bestFor: `(simulated) Teams trying out ${name}`,
    // null is only taken where the schema allows it; otherwise the walk writes a string.
    vendor: null,
  };
}

function linesFor(promptText: string, label: string): string[] {
  const pattern = new RegExp(`^[ \\t]*${label}:[ \\t]*(.+?)[ \\t]*$`, 'gm');
  return [...promptText.matchAll(pattern)].map((match) => match[1] ?? '').filter((value) => value.length > 0);
}

/** Prompts write "(none)" for a missing title or description; that is not a value to quote. */
const PLACEHOLDER = /^\(?(none|n\/a|unknown|not given)\)?$/i;

function firstLine(promptText: string, label: string): string | undefined {
  const value = linesFor(promptText, label)[0];
  return value === undefined || PLACEHOLDER.test(value) ? undefined : value;
}

/** The persona line sits in the per-persona tail, after any page text that might mimic it. */
function lastLine(promptText: string, label: string): string | undefined {
  return linesFor(promptText, label).at(-1);
}
