/** A tool source and profile answers for the profile-quality tests (Terrarium, from the reference page). */
import type { IntakeSource, ProfileAnswer } from '../../src/schemas.js';

export const terrariumPage = [
  '# Terrarium',
  'Terrarium is an evaluation engine that simulates deployment for AI agents. It runs multi-turn conversations',
  'against simulated users and tools, and scores each run with rubric checks. Setup is seamless: point it at an',
  'agent endpoint and pick a scenario pack. Version 0.4.2 adds 12 scenario packs and runs 3x faster.',
  'Used by 1,200 teams. Works with GPT-4o and Claude 3.7 Sonnet.',
].join('\n');

export function terrariumSource(overrides: Partial<IntakeSource> = {}): IntakeSource {
  return {
    kind: 'github',
    target: 'https://github.com/evolvent-ai/terrarium',
    url: 'https://github.com/evolvent-ai/terrarium',
    title: 'evolvent-ai/terrarium',
    description: 'Evals that simulate deployment',
    text: terrariumPage,
    truncated: false,
    facts: { 'github.stars': 34612, 'github.createdAt': '2024-03-05T10:00:00Z', 'github.latestRelease': 'v0.4.2' },
    links: { github: 'https://github.com/evolvent-ai/terrarium' },
    known: {},
    flags: [],
    ...overrides,
  };
}

/** 96 words, every number sourced, no hype word. */
export const goodDescription =
  'Terrarium is an open-source evaluation engine from evolvent-ai that tests AI agents the way they will be used: ' +
  'it runs multi-turn conversations against simulated users and tools, then scores every run with rubric checks. ' +
  'Instead of single prompts and expected strings, a team points it at an agent endpoint and picks a scenario pack. ' +
  'The project says version 0.4.2 added 12 scenario packs and runs 3x faster, and that 1,200 teams use it. ' +
  'The repository has 34.6k stars, was created in 2024 and works with GPT-4o and Claude 3.7 Sonnet; ' +
  'it suits teams that want agent tests closer to production.';

export function answer(overrides: Partial<ProfileAnswer> = {}): ProfileAnswer {
  return {
    name: 'Terrarium',
    tagline: 'Evals that simulate deployment for AI agents — multi-turn, simulated users and tools',
    description: goodDescription,
    category: 'Evaluation & Observability',
    pricing: { entry: 'Open Source', detail: 'Free and open source' },
    bestFor: 'Teams testing multi-turn agents before deployment',
    vendor: 'evolvent-ai',
    ...overrides,
  };
}
