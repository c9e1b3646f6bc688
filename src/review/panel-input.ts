/**
 * What the panel is asked about one tool, built in one place for the run (`runReview`) and the
 * plan (`planReview`): the same profile, page excerpt, roster, template and page notices, so a
 * dry run prices exactly the prompts a real run sends.
 */
import type { EngineContext } from '../engine/index.js';
import { pageNotices } from '../intake/index.js';
import { UsageError } from '../errors.js';
import { MAX_REPEAT, type PanelInput } from '../panel/index.js';
import type { IntakeSource, ToolProfile } from '../schemas.js';
import type { Persona } from '../templates/index.js';

export function panelInputOf(
  source: IntakeSource,
  profile: ToolProfile,
  context: EngineContext,
  models: ReadonlyMap<string, string>,
  repeats?: ReadonlyMap<string, number>,
): PanelInput {
  return {
    profile,
    pageExcerpt: source.text || null,
    personas: context.personas,
    models,
    template: context.templates.review,
    // A page flagged for prompt injection warns every persona, in the shared prefix.
    notices: pageNotices(source.flags),
    ...(repeats ? { repeats } : {}),
  };
}

/**
 * Runs per persona (issue 14): `--repeat N` for every persona, else the persona file's
 * `repeat:`, else `PANEL_REPEAT`, else 1. The flag is this review's explicit ask; the persona
 * file knows its own persona; the config is every persona's default.
 */
export function repeatsOf(personas: readonly Persona[], flag: number | undefined, configured: number | undefined): Map<string, number> {
  if (flag != null && (!Number.isInteger(flag) || flag < 1 || flag > MAX_REPEAT)) {
    throw new UsageError(`--repeat must be a whole number from 1 to ${MAX_REPEAT}, got ${flag}`);
  }
  return new Map(personas.map((persona) => [persona.id, flag ?? persona.repeat ?? configured ?? 1]));
}

/** Pages that listed the tool (a batch feed's launch page) join the tool's own links. */
export function withListingLinks(source: IntakeSource, listingLinks: Record<string, string> | undefined): IntakeSource {
  return listingLinks ? { ...source, links: { ...listingLinks, ...source.links } } : source;
}
