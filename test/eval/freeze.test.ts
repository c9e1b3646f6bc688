/** The eval set's hash: canonical JSON, so key order never changes it and any value change does. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashItems, type EvalItem } from '../../src/eval/index.js';

const item = (score: number): EvalItem => ({
  reviewId: 'r1',
  slug: 'tool-1',
  createdAt: '2026-01-01T00:00:00.000Z',
  simulated: false,
  shipThreshold: 50,
  profile: {
    name: 'Tool 1',
    tagline: 't',
    description: 'd',
    category: 'Other',
    pricing: { entry: 'Free', detail: '' },
    bestFor: 'b',
    vendor: null,
    url: 'https://tool-1.example.com/',
    links: {},
    facts: {},
  },
  pageExcerpt: null,
  notices: [],
  approved: [{ persona: 'skeptic', score, verdict: score >= 50 ? 'ship' : 'skip', source: 'model', modelScore: score, modelVerdict: score >= 50 ? 'ship' : 'skip' }],
});

describe('canonicalJson and hashItems', () => {
  it('sorts keys at every level and drops undefined, like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
  });

  it('gives the same hash whatever the key order, another for any changed value', () => {
    const original = item(70);
    const reordered = Object.fromEntries(Object.entries(original).reverse()) as EvalItem;
    expect(hashItems([reordered])).toBe(hashItems([original]));
    expect(hashItems([original])).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashItems([item(71)])).not.toBe(hashItems([original]));
    expect(hashItems([original, item(40)])).not.toBe(hashItems([item(40), original]));
  });
});
