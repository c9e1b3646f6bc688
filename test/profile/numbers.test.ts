/** The numbers check: which numbers in a profile count as sourced. */
import { describe, expect, it } from 'vitest';
import { numberSources, unsourcedNumbers } from '../../src/profile/numbers.js';

const sources = numberSources([
  '{"github.stars":34612,"github.createdAt":"2024-05-06T19:05:22Z","github.latestRelease":"v0.86.2"}',
  'Supports GPT-4o and Claude 3.7 Sonnet. 1,200 teams. 7.5M+ downloads. 40% faster. Python >=3.10. $20/month. 412 contributors.',
  'https://github.com/acme/tool/releases/tag/v1.2.8',
]);
const unsourced = (text: string) => unsourcedNumbers(text, sources);

describe('numbers that come from a source', () => {
  it.each([
    ['has 34612 stars', 'exactly as the facts give it'],
    ['has 34,612 stars', 'with a thousands separator'],
    ['has 34.6k stars', 'shortened with k, rounded'],
    ['has 35k stars', 'shortened with k, rounded further'],
    ['has over 34,000 stars', 'rounded down with "over"'],
    ['used by 1200 teams', '1,200 without the separator'],
    ['7.5 million downloads', 'M spelled out'],
    ['over 400 contributors', 'an approximate number floors its source'],
    ['400+ contributors', 'so does a plus'],
    ['40% faster', 'a percentage'],
    ['from $20 a month', 'a price'],
    ['created in 2024', 'a year from a date'],
    ['version 0.86.2', 'a version as written'],
    ['v0.86', 'a version prefix of the release'],
    ['Python 3.10+', 'a version with a plus'],
    ['works with GPT-4o', 'a model name the page gives'],
    ['Claude 3.7 Sonnet', 'a decimal version in a model name'],
    ['see v1.2.8', 'a number in a link'],
  ])('%j (%s)', (text) => {
    expect(unsourced(text)).toEqual([]);
  });
});

describe('numbers no source gave', () => {
  it.each([
    ['about 3 years old', ['3 years']],
    ['50% cheaper than the alternatives', ['50% cheaper']],
    ['runs 10x faster', ['10x faster']],
    ['supports 100+ models', ['100+ models']],
    ['trained on H100 GPUs', ['H100']],
    ['founded in 2019', ['2019']],
    ['has 36k stars', ['36k stars']],
    ['has 40,000 stars', ['40,000 stars']],
    ['version 0.87', ['0.87']],
    ['used by 1,300 teams', ['1,300 teams']],
    ['1,2,3 steps', ['1', '2', '3']],
  ])('%j → %j', (text, expected) => {
    expect(unsourced(text)).toEqual(expected);
  });

  it('lists each phrase once', () => {
    expect(unsourced('99 teams, 99 teams and 98 teams')).toEqual(['99 teams', '98 teams']);
  });
});
