/**
 * What the panel is asked about one tool, built in one place for the run (`runReview`) and the
 * plan (`planReview`): the same profile, page excerpt, roster, template and page notices, so a
 * dry run prices exactly the prompts a real run sends.
 */
import type { EngineContext } from '../engine/index.js';
import { pageNotices } from '../intake/index.js';
import type { PanelInput } from '../panel/index.js';
import type { IntakeSource, ToolProfile } from '../schemas.js';

export function panelInputOf(
  source: IntakeSource,
  profile: ToolProfile,
  context: EngineContext,
  models: ReadonlyMap<string, string>,
): PanelInput {
  return {
    profile,
    pageExcerpt: source.text || null,
    personas: context.personas,
    models,
    template: context.templates.review,
    // A page flagged for prompt injection warns every persona, in the shared prefix.
    notices: pageNotices(source.flags),
  };
}

/** Pages that listed the tool (a batch feed's launch page) join the tool's own links. */
export function withListingLinks(source: IntakeSource, listingLinks: Record<string, string> | undefined): IntakeSource {
  return listingLinks ? { ...source, links: { ...listingLinks, ...source.links } } : source;
}
