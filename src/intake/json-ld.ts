/**
 * JSON-LD (schema.org) blocks → profile fields the page states about itself: the product name,
 * its vendor and its prices. These are the publisher's own claims in machine-readable form, so
 * they go to `known` and win over what a model would infer from prose.
 */
import { safeJsonParse } from '../json-file.js';
import { ProfileAnswer } from '../schemas.js';

type Known = Partial<ProfileAnswer>;
type JsonObject = Record<string, unknown>;

const PRODUCT_TYPES = new Set(['SoftwareApplication', 'WebApplication', 'MobileApplication', 'Product']);
const ORGANIZATION_TYPES = new Set(['Organization', 'Corporation']);
const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value != null && !Array.isArray(value);
}

/** Untrusted page text: a block that is not valid JSON is skipped, never thrown on. */
function parseBlock(text: string): unknown {
  const parsed = safeJsonParse(text);
  return parsed.ok ? parsed.value : null;
}

/**
 * Every node in the blocks, with `@graph` arrays and top-level arrays flattened, at most four
 * levels down (a hostile page could nest without end); iterative, in document order.
 */
function collectNodes(value: unknown, into: JsonObject[]): JsonObject[] {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop() as { value: unknown; depth: number };
    if (depth > 4) continue;
    if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index -= 1) stack.push({ value: item[index], depth: depth + 1 });
    } else if (isObject(item)) {
      into.push(item);
      if (Array.isArray(item['@graph'])) stack.push({ value: item['@graph'], depth: depth + 1 });
    }
  }
  return into;
}

function types(node: JsonObject): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  // "schema:Product" and "https://schema.org/Product" both mean Product.
  return list.filter((item): item is string => typeof item === 'string').map((item) => item.replace(/^.*[/:]/, ''));
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : null;
}

/** A name from a string or a `{name}` object (or the first of an array of them). */
function nameOf(value: unknown): string | null {
  // A loop, not recursion: a hostile block may nest arrays thousands deep.
  while (Array.isArray(value)) value = value[0];
  return text(value) ?? (isObject(value) ? text(value.name) : null);
}

interface Price {
  amount: number;
  currency: string | null;
  period: string | null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value == null ? [] : [value];
}

function period(offer: JsonObject): string | null {
  const specifications = asArray(offer.priceSpecification).filter(isObject);
  for (const specification of [offer, ...specifications]) {
    const quantity = isObject(specification.referenceQuantity) ? specification.referenceQuantity : {};
    const hint = [specification.unitText, specification.billingDuration, quantity.unitCode, quantity.unitText]
      .filter((item): item is string => typeof item === 'string')
      .join(' ')
      .toLowerCase();
    if (/mon|p1m\b/.test(hint)) return 'month';
    if (/ann|year|p1y\b/.test(hint)) return 'year';
  }
  return null;
}

function prices(offers: unknown): Price[] {
  const found: Price[] = [];
  for (const offer of asArray(offers).filter(isObject)) {
    const specification = asArray(offer.priceSpecification).find(isObject);
    const raw = offer.price ?? offer.lowPrice ?? specification?.price;
    const amount = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.replace(/[^\d.]/g, '')) : NaN;
    if (!Number.isFinite(amount) || (typeof raw === 'string' && raw.replace(/[^\d.]/g, '') === '')) continue;
    const currency = text(offer.priceCurrency) ?? text(specification?.priceCurrency);
    found.push({ amount, currency: currency?.toUpperCase() ?? null, period: period(offer) });
  }
  return found;
}

function formatPrice(price: Price): string {
  const amount = Number.isInteger(price.amount) ? String(price.amount) : price.amount.toFixed(2);
  const symbol = price.currency ? CURRENCY_SYMBOLS[price.currency] : undefined;
  const money = symbol ? `${symbol}${amount}` : price.currency ? `${amount} ${price.currency}` : `${amount} (currency not stated)`;
  return price.period ? `${money}/${price.period}` : money;
}

function pricing(found: Price[]): ProfileAnswer['pricing'] | null {
  if (found.length === 0) return null;
  const paid = found.filter((price) => price.amount > 0).sort((a, b) => a.amount - b.amount);
  const cheapest = paid[0];
  if (cheapest == null) return { entry: 'Free', detail: 'Free' };
  const from = paid.length > 1 ? `from ${formatPrice(cheapest)}` : formatPrice(cheapest);
  if (paid.length < found.length) return { entry: 'Freemium', detail: `Free tier; paid ${from}` };
  return { entry: 'Paid', detail: from };
}

/** Keeps only values the profile schema accepts (a 500-character "name" is not a name). */
function valid(known: Known): Known {
  const kept: Known = {};
  for (const [key, value] of Object.entries(known) as Array<[keyof Known, unknown]>) {
    if (value != null && ProfileAnswer.shape[key].safeParse(value).success) Object.assign(kept, { [key]: value });
  }
  return kept;
}

/**
 * Reads the text of every `application/ld+json` script; invalid blocks are ignored. `url` is
 * the address the product node claims (the caller decides whether to believe it).
 */
export function readJsonLdBlocks(blocks: string[]): { known: Known; url: string | null } {
  const nodes = blocks.flatMap((block) => collectNodes(parseBlock(block), []));
  const product = nodes.find((node) => types(node).some((type) => PRODUCT_TYPES.has(type)));
  const organization = nodes.find((node) => types(node).some((type) => ORGANIZATION_TYPES.has(type)));
  const known: Known = {};
  if (product) {
    const name = text(product.name);
    if (name) known.name = name;
    const price = pricing(prices(product.offers));
    if (price) known.pricing = price;
    const vendor = nameOf(product.publisher) ?? nameOf(product.author) ?? nameOf(product.brand) ?? nameOf(product.creator);
    if (vendor) known.vendor = vendor;
  }
  if (known.vendor == null && organization) {
    const vendor = text(organization.name);
    if (vendor) known.vendor = vendor;
  }
  return { known: valid(known), url: product ? text(product.url) : null };
}

export function readJsonLd(blocks: string[]): Known {
  return readJsonLdBlocks(blocks).known;
}
