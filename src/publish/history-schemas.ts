/**
 * The verdict history (`history` in each tool file) and the site's `changelog.json`, derived
 * from the store's publications by history.ts.
 */
import { z } from 'zod';
import { PanelVerdict, Verdict } from '../schemas.js';
import { IsoDate, IsoTime, Slug, VerdictChange, VerdictWord } from './schema-parts.js';

/**
 * What a publication changed: its kind ('first review', 're-review' — a new panel run, by
 * `batch --stale` or by hand —, 'editor correction'), then 'new persona' / 'persona removed'
 * when the panel's persona set differs from the previous publication's.
 */
export const HistoryChange = z.enum(['first review', 're-review', 'editor correction', 'new persona', 'persona removed']);
export type HistoryChange = z.infer<typeof HistoryChange>;
export const HistoryKind = z.enum(['first review', 're-review', 'editor correction']);
export type HistoryKind = z.infer<typeof HistoryKind>;

const PersonaCall = z.object({ score: z.number().int().min(0).max(100), verdict: Verdict });

/** One publication of a tool's verdict (an approval), as `history` lists it. */
export const HistoryEntry = z
  .object({
    reviewId: z.string(),
    approvedAt: IsoTime,
    /** The day of `approvedAt`, UTC. */
    date: IsoDate,
    /** The editor of record who approved it. */
    editor: z.string(),
    kind: HistoryKind,
    /** `kind` first, then any change of the persona set. */
    changes: z.array(HistoryChange).min(1),
    /** Present (true) only with publish --allow-simulated, for a simulated review. */
    simulated: z.literal(true).optional(),
    panel: z.object({
      verdict: PanelVerdict,
      verdictWord: VerdictWord,
      label: z.string(),
      ship: z.number().int().nonnegative(),
      skip: z.number().int().nonnegative(),
      shipPercent: z.number().int().min(0).max(100),
      meanScore: z.number(),
    }),
    /** Each persona's call, in panel order. */
    reviews: z.array(PersonaCall.extend({ persona: z.string(), name: z.string() })),
    /** The panel verdict against the previous publication's; null for the first or when it held. */
    verdictChange: VerdictChange.nullable(),
    /** Personas on this panel and not the previous one, and the other way round. */
    personasAdded: z.array(z.string()),
    personasRemoved: z.array(z.string()),
    /** Personas on both whose score or verdict moved. */
    moved: z.array(z.object({ persona: z.string(), name: z.string(), from: PersonaCall, to: PersonaCall })),
  })
  .meta({ title: 'HistoryEntry', description: "One publication of a tool's verdict." });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** `changelog.json`: every publication of every published tool, newest first. */
export const Changelog = z
  .object({
    schemaVersion: z.literal(1),
    /** The newest entry's approval time; null when nothing is published. */
    updatedAt: IsoTime.nullable(),
    entries: z.array(
      z.object({
        date: IsoDate,
        approvedAt: IsoTime,
        slug: Slug,
        name: z.string(),
        reviewId: z.string(),
        kind: HistoryKind,
        changes: z.array(HistoryChange).min(1),
        /** The verdict before (null for a first review) and after. */
        from: PanelVerdict.nullable(),
        to: PanelVerdict,
        fromWord: VerdictWord.nullable(),
        toWord: VerdictWord,
        /** "Skip → Ship"; "Ship" for a first review or a verdict that held. */
        text: z.string(),
        simulated: z.literal(true).optional(),
      }),
    ),
  })
  .meta({ title: 'Changelog', description: "The site's verdict changelog, newest first." });
export type Changelog = z.infer<typeof Changelog>;
