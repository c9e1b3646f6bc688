/**
 * Listing entries mapped to the tool (pure). The recorded feeds are replayed in
 * feeds-recorded.test.ts; the entries here are written to cover the other shapes: Product
 * Hunt's own feed ("Link" through producthunt.com/r/p/…), a related link, hnrss's
 * "Article URL:" on an item that links to its thread.
 */
import { describe, expect, it } from 'vitest';
import { mapListing, type EntryView } from '../../src/batch/feed-listings.js';

const view = (extra: Partial<EntryView>): EntryView => ({ title: null, html: [], base: null, links: [], comments: null, ...extra });

describe('mapListing', () => {
  it('Product Hunt feed: the "Link" anchor (Product Hunt\'s redirect to the site), not "Discussion"', () => {
    const html =
      '<p>A visual AI coding harness</p><p><a href="https://www.producthunt.com/products/juggler?utm_campaign=producthunt-atom-posts-feed">Discussion</a> | ' +
      '<a href="https://www.producthunt.com/r/p/1247901?app_id=339">Link</a></p>';
    expect(mapListing(new URL('https://www.producthunt.com/products/juggler'), view({ html: [html] }))).toEqual({
      target: 'https://www.producthunt.com/r/p/1247901?app_id=339',
      name: null,
      links: { productHunt: 'https://www.producthunt.com/products/juggler' },
    });
  });

  it('Product Hunt: an entry link with another rel that leaves producthunt.com wins', () => {
    const listing = mapListing(
      new URL('https://www.producthunt.com/posts/x'),
      view({ links: [{ rel: 'alternate', href: 'https://www.producthunt.com/posts/x' }, { rel: 'related', href: 'https://x.dev/' }] }),
    );
    expect(listing).toMatchObject({ target: 'https://x.dev/' });
  });

  it('Hacker News: a thread link with an "Article URL:" line reviews the article; without one it is skipped', () => {
    const thread = new URL('https://news.ycombinator.com/item?id=1');
    const html = '<p>Article URL: <a href="https://tool.example/">https://tool.example/</a></p><p>Comments URL: <a href="https://news.ycombinator.com/item?id=1">…</a></p>';
    expect(mapListing(thread, view({ html: [html] }))).toEqual({ target: 'https://tool.example/', name: null, links: { hackerNews: thread.href } });
    expect(mapListing(thread, view({ html: ['<p>Just asking.</p>'] }))).toHaveProperty('skip');
  });

  it('GitHub: a release page or the releases list is the repository; other pages stay as they are', () => {
    expect(mapListing(new URL('https://github.com/o/r/releases'), view({}))).toMatchObject({ target: 'https://github.com/o/r', name: 'r' });
    expect(mapListing(new URL('https://github.com/o/r/blob/main/README.md'), view({}))).toEqual({
      target: 'https://github.com/o/r/blob/main/README.md',
      name: null,
    });
  });
});
