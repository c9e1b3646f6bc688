import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { sampleReview } from './sample-review.js';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

let next = 0;
/** Save a review of the tool at `url` called `name`; returns the saved review's id. */
function save(url: string, name = 'OpenRouter Model Fusion'): string {
  const id = `review-${++next}`;
  store.saveDraft(sampleReview({ id, tool: { ...sampleReview().tool, url, name } }));
  return id;
}

const tools = () =>
  store.db
    .prepare<[], { url: string; slug: string; name: string }>('SELECT url, slug, name FROM tools ORDER BY id')
    .all();

describe('tool upsert', () => {
  it('maps URLs that differ by slash, tracking params and case to one tool', () => {
    save('https://OpenRouter.ai/fusion');
    save('https://openrouter.ai/fusion/?utm_source=newsletter');
    save('https://www.openrouter.ai/fusion#top', 'Model Fusion');
    expect(tools()).toEqual([
      { url: 'https://openrouter.ai/fusion', slug: 'model-fusion', name: 'Model Fusion' },
    ]);
    const toolIds = store.db.prepare('SELECT DISTINCT tool_id FROM reviews').pluck().all();
    expect(toolIds).toHaveLength(1);
  });

  it('maps GitHub repository pages to one tool', () => {
    save('https://github.com/Acme/Widget');
    save('https://github.com/acme/widget.git');
    save('https://github.com/acme/widget/tree/main/docs');
    expect(tools().map((tool) => tool.url)).toEqual(['https://github.com/acme/widget']);
  });
});

describe('slugs', () => {
  it('get a suffix when a different tool holds the slug', () => {
    save('https://a.example', 'Fusion');
    save('https://b.example', 'Fusion');
    save('https://c.example', 'Fusion');
    expect(tools().map((tool) => tool.slug)).toEqual(['fusion', 'fusion-2', 'fusion-3']);
  });

  it('stay put when the same tool is saved again under the same name', () => {
    save('https://a.example', 'Fusion');
    save('https://b.example', 'Fusion');
    save('https://b.example/', 'Fusion');
    expect(tools().map((tool) => tool.slug)).toEqual(['fusion', 'fusion-2']);
  });

  it('follow the latest name, and a freed slug can be taken again', () => {
    save('https://a.example', 'Fusion');
    save('https://a.example', 'Fusion Pro');
    save('https://b.example', 'Fusion');
    expect(tools()).toEqual([
      { url: 'https://a.example', slug: 'fusion-pro', name: 'Fusion Pro' },
      { url: 'https://b.example', slug: 'fusion', name: 'Fusion' },
    ]);
    expect(store.findReviews({ slug: 'fusion-pro' })).toHaveLength(2);
  });

  it('do not collide with a natural slug that looks suffixed', () => {
    save('https://a.example', 'Fusion 2');
    save('https://b.example', 'Fusion');
    save('https://c.example', 'Fusion');
    expect(tools().map((tool) => tool.slug)).toEqual(['fusion-2', 'fusion', 'fusion-3']);
  });
});
