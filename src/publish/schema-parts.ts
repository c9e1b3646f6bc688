/**
 * The small shapes the published files share (slugs, times, verdict words) and the two a
 * comparison card borrows from the verdict history. Split from schemas.ts to keep each file
 * short; schemas.ts re-exports what the site needs.
 */
import { z } from 'zod';
import { PanelVerdict } from '../schemas.js';

export const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');
export const IsoTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'an ISO-8601 UTC time');

/** The words a panel verdict is shown as; "No verdict" when no persona answered (never published). */
export const VerdictWord = z.enum(['Ship', 'Skip', 'Mixed', 'No verdict']);
export type VerdictWord = z.infer<typeof VerdictWord>;

/** A day as the site shows it: "2026-04-21" (UTC). */
export const IsoDate = z.string().regex(/^\d{4}-\d\d-\d\d$/, 'an ISO-8601 date');

/** The panel verdict moving from one word to another between two publications. */
export const VerdictChange = z.object({
  from: PanelVerdict,
  to: PanelVerdict,
  fromWord: VerdictWord,
  toWord: VerdictWord,
  /** "Skip → Ship". */
  text: z.string(),
});
export type VerdictChange = z.infer<typeof VerdictChange>;

/** The line under a card naming the AI panel, the editor of record and the approval day. */
export const CardDisclosure = z.object({
  /** The persona models (provider:model) in panel order, each once; an editor-written answer adds none. */
  models: z.array(z.string()),
  /** Null for a draft in a preview. */
  editor: z.string().nullable(),
  approvedAt: IsoTime.nullable(),
  /** "AI panel: openai:gpt-5.4-mini, google:gemini-3.5-flash · Editor of record: Ann · Approved 21 April 2026". */
  text: z.string(),
});
export type CardDisclosure = z.infer<typeof CardDisclosure>;
