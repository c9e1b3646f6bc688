import { describe, expect, it } from 'vitest';
import { readJsonLd } from '../../src/intake/json-ld.js';

const block = (value: unknown) => JSON.stringify(value);

describe('readJsonLd', () => {
  it('reads name, free offer and publisher of a SoftwareApplication', () => {
    expect(
      readJsonLd([
        block({
          '@type': 'SoftwareApplication',
          name: 'Tool',
          offers: { price: '0', priceCurrency: 'USD' },
          publisher: { '@type': 'Organization', name: 'Acme' },
        }),
      ]),
    ).toEqual({ name: 'Tool', pricing: { entry: 'Free', detail: 'Free' }, vendor: 'Acme' });
  });

  it.each([
    [{ price: 10, priceCurrency: 'USD', priceSpecification: { unitText: 'MONTH' } }, { entry: 'Paid', detail: '$10/month' }],
    [{ price: '9.5', priceCurrency: 'EUR', priceSpecification: { billingDuration: 'P1Y' } }, { entry: 'Paid', detail: '€9.50/year' }],
    [{ price: '20', priceCurrency: 'CHF' }, { entry: 'Paid', detail: '20 CHF' }],
    [{ price: '20' }, { entry: 'Paid', detail: '20 (currency not stated)' }],
    [
      [
        { price: '0', priceCurrency: 'USD' },
        { price: '19', priceCurrency: 'USD', priceSpecification: { referenceQuantity: { unitCode: 'MON' } } },
      ],
      { entry: 'Freemium', detail: 'Free tier; paid $19/month' },
    ],
    [
      [
        { price: '49', priceCurrency: 'USD' },
        { price: '19', priceCurrency: 'USD' },
      ],
      { entry: 'Paid', detail: 'from $19' },
    ],
    [{ '@type': 'AggregateOffer', lowPrice: '0', highPrice: '0', priceCurrency: 'USD' }, { entry: 'Free', detail: 'Free' }],
  ])('offers %j → %j', (offers, pricing) => {
    expect(readJsonLd([block({ '@type': 'WebApplication', name: 'Tool', offers })]).pricing).toEqual(pricing);
  });

  it('leaves pricing unknown when no offer states a price', () => {
    expect(readJsonLd([block({ '@type': 'Product', name: 'Tool', offers: { priceCurrency: 'USD' } })])).toEqual({ name: 'Tool' });
  });

  it('finds nodes inside @graph and top-level arrays, with prefixed or listed types', () => {
    const known = readJsonLd([
      block([{ '@type': 'WebPage', name: 'Page' }, { '@graph': [{ '@type': ['schema:Product', 'Thing'], name: 'Graph tool', brand: 'BrandCo' }] }]),
    ]);
    expect(known).toEqual({ name: 'Graph tool', vendor: 'BrandCo' });
  });

  it('takes the vendor from author, then from an Organization node', () => {
    expect(readJsonLd([block({ '@type': 'SoftwareApplication', name: 'A', author: [{ name: 'Author Org' }] })]).vendor).toBe('Author Org');
    expect(readJsonLd([block({ '@type': 'Organization', name: 'Only Org' })])).toEqual({ vendor: 'Only Org' });
  });

  it('ignores invalid JSON and values the profile schema would reject', () => {
    expect(readJsonLd(['{ not json', block({ '@type': 'SoftwareApplication', name: 'x'.repeat(500) })])).toEqual({});
  });

  it('does not recurse without end on hostile nesting', () => {
    let nested: unknown = { '@type': 'Product', name: 'Deep' };
    for (let depth = 0; depth < 50; depth += 1) nested = { '@graph': [nested] };
    expect(readJsonLd([block(nested)])).toEqual({});
  });
});
