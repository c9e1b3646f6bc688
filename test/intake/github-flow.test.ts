/**
 * A repository read through the REST API, replayed with nock from recorded bodies: what
 * becomes facts, links, known profile fields and text, and which headers were sent.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { intake } from '../../src/intake/index.js';
import { API, TEST_TOKEN, aiderScope, body, deps, useNock } from './github-support.js';

useNock();

const AIDER = 'https://github.com/Aider-AI/aider';

describe('a repository with README and release (Aider-AI/aider)', () => {
  it('maps the API answers to facts, links and known fields', async () => {
    const scope = aiderScope();
    const source = await intake(AIDER, deps());
    scope.done();
    expect(source).toMatchObject({
      kind: 'github',
      target: AIDER,
      url: AIDER,
      title: 'Aider-AI/aider',
      description: 'aider is AI pair programming in your terminal',
      truncated: false,
      flags: [],
    });
    expect(source.facts).toEqual({
      'github.owner': 'Aider-AI',
      'github.stars': 38214,
      'github.forks': 3652,
      'github.license': 'Apache-2.0',
      'github.topics': 'anthropic, chatgpt, claude-3, cli, command-line, gemini, gpt-4o, llama, openai, sonnet',
      'github.language': 'Python',
      'github.createdAt': '2023-05-09T18:57:49Z',
      'github.pushedAt': '2026-05-22T14:02:20Z',
      'github.archived': false,
      'github.latestRelease': 'v0.86.2',
      'github.latestReleaseAt': '2026-01-14T17:31:45Z',
    });
    expect(source.links).toMatchObject({ github: AIDER, homepage: 'https://aider.chat/' });
    // The README's heading is a tagline, so the name is the repository name as the README spells it.
    expect(source.known).toEqual({
      name: 'Aider',
      vendor: 'Aider AI',
      pricing: { entry: 'Open Source', detail: 'Apache-2.0 license' },
    });
  });

  it('gives the decoded README as text, without badges, images, HTML or comments', async () => {
    aiderScope();
    const { text } = await intake(AIDER, deps());
    expect(text).toContain('Aider lets you pair program with LLMs to start a new project');
    expect(text).toContain('### Maps your codebase');
    expect(text).toContain('python -m pip install aider-install'); // code blocks are content
    for (const markup of ['shields.io', '<img', '<a ', '<p', '<!--', '[[[cog', '](', 'screencast.svg']) {
      expect(text).not.toContain(markup);
    }
  });

  it('sends the API headers, and no Authorization header without a token', async () => {
    const scope = nock(API, { badheaders: ['authorization'] })
      .matchHeader('accept', 'application/vnd.github+json')
      .matchHeader('x-github-api-version', '2022-11-28')
      .matchHeader('user-agent', /^ShipOrSkipBot\//)
      .get('/repos/Aider-AI/aider')
      .reply(200, body('aider-repo.json'))
      .get('/repos/Aider-AI/aider/readme')
      .reply(200, body('aider-readme.json'))
      .get('/repos/Aider-AI/aider/releases/latest')
      .reply(200, body('aider-release-latest.json'))
      .get('/users/Aider-AI')
      .reply(200, body('aider-owner.json'));
    await intake(AIDER, deps());
    scope.done();
  });

  it('sends GITHUB_TOKEN as a bearer token on every call when it is set', async () => {
    const scope = nock(API)
      .matchHeader('authorization', `Bearer ${TEST_TOKEN}`)
      .get('/repos/Aider-AI/aider')
      .reply(200, body('aider-repo.json'))
      .get('/repos/Aider-AI/aider/readme')
      .reply(200, body('aider-readme.json'))
      .get('/repos/Aider-AI/aider/releases/latest')
      .reply(200, body('aider-release-latest.json'))
      .get('/users/Aider-AI')
      .reply(200, body('aider-owner.json'));
    const source = await intake(AIDER, deps({ token: TEST_TOKEN }));
    scope.done();
    expect(JSON.stringify(source)).not.toContain(TEST_TOKEN);
  });

  it('follows a renamed repository to its canonical name', async () => {
    const scope = nock(API)
      .get('/repos/paul-gauthier/aider')
      .reply(301, { message: 'Moved Permanently', url: `${API}/repositories/638629097` }, { location: `${API}/repositories/638629097` })
      .get('/repositories/638629097')
      .reply(200, body('aider-repo.json'));
    const rest = aiderScope({ repo: false });
    const source = await intake('https://github.com/paul-gauthier/aider', deps());
    expect(source.url).toBe(AIDER);
    expect(source.facts['github.latestRelease']).toBe('v0.86.2');
    scope.done();
    rest.done();
  });

  it('does not carry the token to another host a redirect names', async () => {
    nock(API)
      .get('/repos/Aider-AI/aider')
      .reply(302, '', { location: 'https://mirror.example/repos/Aider-AI/aider' });
    const mirror = nock('https://mirror.example', { badheaders: ['authorization'] })
      .get('/repos/Aider-AI/aider')
      .reply(200, body('aider-repo.json'));
    nock(API)
      .get('/repos/Aider-AI/aider/readme')
      .reply(200, body('aider-readme.json'))
      .get('/repos/Aider-AI/aider/releases/latest')
      .reply(404, body('release-not-found.json'))
      .get('/users/Aider-AI')
      .reply(404, body('not-found.json'));
    await intake(AIDER, deps({ token: TEST_TOKEN }));
    mirror.done();
  });
});

describe('what a repository may lack', () => {
  it('without a release there is no release fact', async () => {
    aiderScope({ release: [404, body('release-not-found.json')] });
    const source = await intake(AIDER, deps());
    expect(source.facts).not.toHaveProperty('github.latestRelease');
    expect(source.facts).not.toHaveProperty('github.latestReleaseAt');
    expect(source.facts['github.stars']).toBe(38214);
  });

  it('without a README the description is the text, and the facts say so', async () => {
    aiderScope({ readme: [404, body('readme-not-found.json')] });
    const source = await intake(AIDER, deps());
    expect(source.text).toBe('aider is AI pair programming in your terminal');
    expect(source.description).toBe('aider is AI pair programming in your terminal');
    expect(source.facts['github.readme']).toBe('missing');
    expect(source.known.name).toBe('aider'); // only the description spells it
  });

  it('a README over the API content limit is noted as unreadable', async () => {
    aiderScope({ readme: [200, { ...body('aider-readme.json'), content: '', encoding: 'none' }] });
    const source = await intake(AIDER, deps());
    expect(source.facts['github.readme']).toBe('unreadable');
    expect(source.text).toBe('aider is AI pair programming in your terminal');
  });

  it('an archived repository with an unrecognised license, no homepage and no display name', async () => {
    const scope = nock(API)
      .get('/repos/octo-lab/prompt-sketch')
      .reply(200, body('bare-repo.json'))
      .get('/repos/octo-lab/prompt-sketch/readme')
      .reply(404, body('readme-not-found.json'))
      .get('/repos/octo-lab/prompt-sketch/releases/latest')
      .reply(404, body('release-not-found.json'))
      .get('/users/octo-lab')
      .reply(200, body('bare-owner.json'));
    const source = await intake('https://github.com/octo-lab/prompt-sketch.git', deps());
    scope.done();
    expect(source.facts).toEqual({
      'github.owner': 'octo-lab',
      'github.stars': 7,
      'github.forks': 0,
      'github.license': 'Other',
      'github.language': 'TypeScript',
      'github.createdAt': '2024-02-03T09:12:44Z',
      'github.pushedAt': '2024-03-18T21:40:02Z',
      'github.archived': true,
      'github.readme': 'missing',
    });
    expect(source.links).toEqual({ github: 'https://github.com/octo-lab/prompt-sketch' });
    // No OSI license: pricing is left to the model.
    expect(source.known).toEqual({ name: 'prompt-sketch', vendor: 'octo-lab' });
  });

  it('a failed owner or release lookup costs only that fact', async () => {
    nock(API)
      .get('/repos/Aider-AI/aider')
      .reply(200, body('aider-repo.json'))
      .get('/repos/Aider-AI/aider/readme')
      .reply(200, body('aider-readme.json'))
      .get('/repos/Aider-AI/aider/releases/latest')
      .reply(502, 'Bad Gateway')
      .get('/users/Aider-AI')
      .replyWithError('socket hang up');
    const source = await intake(AIDER, deps());
    expect(source.known.vendor).toBe('Aider-AI');
    expect(source.facts).not.toHaveProperty('github.latestRelease');
  });
});
