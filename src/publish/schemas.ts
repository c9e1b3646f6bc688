/**
 * The shapes the site reads: the comparison page, the published tool review and the index.
 * Defined once in zod; `publish` validates every file with them and writes their JSON Schemas
 * (`json-schema.ts`) beside the files, so the site's build can validate them too.
 */
import { z } from 'zod';
import { PanelVerdict, PricingEntry, Verdict } from '../schemas.js';
import { HistoryEntry } from './history-schemas.js';
import { CardDisclosure, IsoDate, IsoTime, Slug, VerdictChange, VerdictWord } from './schema-parts.js';

export { CardDisclosure, VerdictChange, VerdictWord } from './schema-parts.js';
export { Changelog, HistoryChange, HistoryEntry, HistoryKind } from './history-schemas.js';

/**
 * The community figure of a tool. Without votes: figure "—", text "No community votes yet".
 * With votes: figure "67%" (the ship share, rounded) and text "67% ship · 3 votes" ("1 vote").
 */
export const CommunityFigure = z
  .object({
    ship: z.number().int().nonnegative(),
    skip: z.number().int().nonnegative(),
    votes: z.number().int().nonnegative(),
    /** round(100 · ship / votes); null without votes. */
    shipPercent: z.number().int().min(0).max(100).nullable(),
    /** The card's figure: "67%" or "—". */
    figure: z.string(),
    /** The decision table's cell: "67% ship · 3 votes" or "No community votes yet". */
    text: z.string(),
  })
  .meta({ title: 'CommunityFigure', description: 'Community votes on a tool, counted.' });
export type CommunityFigure = z.infer<typeof CommunityFigure>;








/** One tool's card at the top of a comparison page. */
export const ToolCard = z
  .object({
    slug: Slug,
    name: z.string().min(1),
    /** The letter in the card's round badge ("O" for OpenRouter Model Fusion). */
    initial: z.string().min(1),
    /** The tool's public http(s) address; null for a tool reviewed from a local file. */
    url: z.string().nullable(),
    category: z.string(),
    tagline: z.string(),
    description: z.string(),
    /** Null when no persona answered (only possible in a --drafts preview). */
    verdict: PanelVerdict.nullable(),
    verdictWord: VerdictWord,
    /** "Ship · 3 ship / 1 skip"; "No verdict". */
    panelLabel: z.string(),
    shipPercent: z.number().int().min(0).max(100).nullable(),
    /** "75%"; "—" without an answer. */
    shipPercentText: z.string(),
    /** False when a persona has no answer (only possible in a --drafts preview). */
    panelComplete: z.boolean(),
    community: CommunityFigure,
    /** The card's "Entry": Free, Paid, Freemium, Open Source or Unknown. */
    entry: PricingEntry,
    /** The decision table's "Pricing": the pricing detail, or the entry when there is none. */
    pricing: z.string(),
    bestFor: z.string(),
    reviewId: z.string(),
    reviewStatus: z.enum(['approved', 'draft']),
    approvedAt: IsoTime.nullable(),
    /** Present (true) when the review's answers came from the built-in simulator, not from models. */
    simulated: z.literal(true).optional(),
    /** Set when this review's publication changed the verdict: "Verdict changed on 21 April 2026: Skip → Ship". */
    verdictChange: VerdictChange.extend({ on: IsoDate }).nullable(),
    disclosure: CardDisclosure,
  })
  .meta({ title: 'ToolCard' });
export type ToolCard = z.infer<typeof ToolCard>;

export const DecisionKey = z.enum(['panel-verdict', 'community', 'pricing', 'best-for', 'category']);
export type DecisionKey = z.infer<typeof DecisionKey>;

/** The decision table's rows, in the reference page's order. */
export const DECISION_ROWS: ReadonlyArray<{ key: DecisionKey; label: string }> = [
  { key: 'panel-verdict', label: 'Panel verdict' },
  { key: 'community', label: 'Community' },
  { key: 'pricing', label: 'Pricing' },
  { key: 'best-for', label: 'Best for' },
  { key: 'category', label: 'Category' },
];

/** A row of the decision table: its label and the two tools' values, in card order. */
export const DecisionRow = z.object({
  key: DecisionKey,
  label: z.string(),
  values: z.tuple([z.string(), z.string()]),
});
export type DecisionRow = z.infer<typeof DecisionRow>;

/** One tool's answer from one persona: "80/100 · ship" and the quote. */
export const ScorecardCell = z.object({
  score: z.number().int().min(0).max(100),
  verdict: Verdict,
  /** "80/100 · ship". */
  text: z.string(),
  quote: z.string(),
});
export type ScorecardCell = z.infer<typeof ScorecardCell>;

/** A persona's row: both tools' cells in card order; null where that tool has no answer. */
export const ScorecardRow = z.object({
  persona: z.string(),
  name: z.string(),
  cells: z.tuple([ScorecardCell.nullable(), ScorecardCell.nullable()]),
});
export type ScorecardRow = z.infer<typeof ScorecardRow>;

/** The generated "which one should you ship with" line, as an editor left it. */
export const VerdictLine = z.object({
  text: z.string().min(1),
  status: z.enum(['draft', 'approved']),
  /** 'editor' when an editor rewrote the model's line (the original is kept in the store). */
  source: z.enum(['model', 'editor']),
  /** provider:model of the line the model wrote (for an edited line: of the original); null for a line an editor wrote with no model. */
  model: z.string().nullable(),
  /** The disclosure: "Written by an editor", "Written by openai:gpt-5.4-mini", "…, edited by an editor". */
  label: z.string(),
});
export type VerdictLine = z.infer<typeof VerdictLine>;

/** A comparison page: the reference pages' header, cards, decision table and scorecard. */
export const ComparisonPage = z
  .object({
    schemaVersion: z.literal(1),
    /** "openrouter-model-fusion-vs-terrarium". */
    slug: Slug,
    /** "OpenRouter Model Fusion vs Terrarium: Which AI Tool Should You Ship?" */
    title: z.string(),
    /** "OpenRouter Model Fusion vs Terrarium". */
    heading: z.string(),
    intro: z.string(),
    /** True when built from a draft review (`compare --drafts`): a preview, never published. */
    preview: z.boolean(),
    /** Present (true) when a tool's review is simulated: trial data, published only with --allow-simulated. */
    simulated: z.literal(true).optional(),
    verdictLine: VerdictLine.nullable(),
    tools: z.tuple([ToolCard, ToolCard]),
    /** Panel verdict, Community, Pricing, Best for, Category — in that order. */
    decision: z.array(DecisionRow).length(DECISION_ROWS.length),
    /** One row per persona, in the panel's persona order. */
    scorecard: z.array(ScorecardRow),
  })
  .meta({ title: 'ComparisonPage', description: 'Two AI tools side by side, as the site renders them.' });
export type ComparisonPage = z.infer<typeof ComparisonPage>;

/**
 * Who wrote one published text (issue 12's disclosure): `model` wrote it as published;
 * `editor` wrote it (the model failed); `source` is the tool's own data (a profile file).
 * `edited` is set when an editor rewrote a model's text; `model` then names the original's model.
 */
export const TextAuthorship = z
  .object({
    writer: z.enum(['model', 'editor', 'source']),
    /** provider:model of the text (for an edited text: of the model's original); null when no model wrote it or it was not recorded. */
    model: z.string().nullable(),
    edited: z.object({ by: z.string(), at: IsoTime }).nullable(),
    /**
     * This text's claims were checked against the sources: the review was grounding-checked and
     * the text is the one checked (or an editor's edit of it), not a later regeneration.
     */
    groundingChecked: z.boolean(),
    /** For the site's label: "Written by openai:gpt-5.4-mini, edited by an editor". */
    label: z.string(),
  })
  .meta({ title: 'TextAuthorship' });
export type TextAuthorship = z.infer<typeof TextAuthorship>;

/** What the site needs to label a review: who wrote which text, who approved it, and whether it was fact-checked. */
export const Disclosure = z
  .object({
    /** True when any published text was written by a model (the "AI-written" label). */
    aiWritten: z.boolean(),
    texts: z.object({
      tagline: TextAuthorship,
      description: TextAuthorship,
      quotes: z.array(TextAuthorship.extend({ persona: z.string() })),
    }),
    approval: z.object({ editor: z.string(), approvedAt: IsoTime }),
    grounding: z.object({
      /** True when a model listed the texts' factual claims and each was checked against the tool's sources. */
      checked: z.boolean(),
      /** 'full', 'deterministic' (only the free checks ran), or null (made before grounding existed). */
      mode: z.enum(['full', 'deterministic']).nullable(),
      model: z.string().nullable(),
      claims: z.object({
        supported: z.number().int().nonnegative(),
        unsupported: z.number().int().nonnegative(),
        /** Unsupported claims an editor let stand, with a reason. */
        accepted: z.number().int().nonnegative(),
        /** Unsupported claims an editor took out of the text. */
        removed: z.number().int().nonnegative(),
      }),
    }),
  })
  .meta({ title: 'Disclosure', description: 'Which text was written by which model, which editor approved it, and whether it was grounding-checked.' });
export type Disclosure = z.infer<typeof Disclosure>;

/** One approved tool review, as the site reads it (no costs or internal flags; models only in the disclosure). */
export const PublishedReview = z
  .object({
    schemaVersion: z.literal(1),
    slug: Slug,
    reviewId: z.string(),
    approvedAt: IsoTime,
    /** Present (true) when the answers came from the built-in simulator: trial data, not a review. */
    simulated: z.literal(true).optional(),
    tool: z.object({
      name: z.string(),
      /** The public http(s) address; null for a tool reviewed from a local file (trial data only). */
      url: z.string().nullable(),
      tagline: z.string(),
      description: z.string(),
      category: z.string(),
      pricing: z.object({ entry: PricingEntry, detail: z.string() }),
      bestFor: z.string(),
      vendor: z.string().nullable(),
      links: z.record(z.string(), z.string()),
      facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    }),
    panel: z.object({
      verdict: PanelVerdict,
      verdictWord: VerdictWord,
      label: z.string(),
      ship: z.number().int().nonnegative(),
      skip: z.number().int().nonnegative(),
      shipPercent: z.number().int().min(0).max(100),
      meanScore: z.number(),
    }),
    /** In the panel's persona order. */
    reviews: z.array(
      z.object({ persona: z.string(), name: z.string(), score: z.number().int().min(0).max(100), verdict: Verdict, quote: z.string() }),
    ),
    community: CommunityFigure,
    disclosure: Disclosure,
    /** Every publication of this tool's verdict, newest first: the first is this one. */
    history: z.array(HistoryEntry).min(1),
  })
  .meta({ title: 'PublishedReview', description: "One tool's approved panel review." });
export type PublishedReview = z.infer<typeof PublishedReview>;

/** `index.json`: what is published, sorted by slug. */
export const PublishIndex = z
  .object({
    schemaVersion: z.literal(1),
    /** The newest approval or vote among the published items (not the time of the run); null when empty. */
    updatedAt: IsoTime.nullable(),
    tools: z.array(
      z.object({
        slug: Slug,
        name: z.string(),
        file: z.string(),
        category: z.string(),
        verdict: PanelVerdict,
        label: z.string(),
        shipPercent: z.number().int().min(0).max(100),
        reviewId: z.string(),
        approvedAt: IsoTime,
        simulated: z.literal(true).optional(),
      }),
    ),
    comparisons: z.array(
      z.object({
        slug: Slug,
        title: z.string(),
        file: z.string(),
        tools: z.tuple([Slug, Slug]),
        approvedAt: IsoTime,
        simulated: z.literal(true).optional(),
      }),
    ),
    /** The site's verdict changelog (Changelog), relative to the output folder. */
    changelog: z.string(),
    /** The JSON Schema of each kind of file, relative to the output folder. */
    schemas: z.object({ index: z.string(), tool: z.string(), comparison: z.string(), changelog: z.string() }),
  })
  .meta({ title: 'PublishIndex', description: 'The published tools and comparisons.' });
export type PublishIndex = z.infer<typeof PublishIndex>;

/** What the verdict-line model answers. */
export const VerdictLineAnswer = z.object({
  verdictLine: z.string().min(30).max(280),
});
export type VerdictLineAnswer = z.infer<typeof VerdictLineAnswer>;

/** The longest verdict line an editor may write. */
export const MAX_VERDICT_LINE_CHARS = 320;
