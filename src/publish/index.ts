/**
 * The publish stage: comparison pages, community votes, and the files the site reads. The one
 * public entry of `publish/`; the CLI (`compare`, `votes`, `publish`) and the editor's preview
 * route are thin layers over it.
 *
 * @example
 * ```ts
 * const store = openStore(config.dbPath);
 * const desk = createDesk(store, { threshold: config.shipThreshold });
 * const deps = { store, resolveReview: desk.resolve, personas: context.personas };
 * const { page } = comparePair('openrouter-model-fusion', 'terrarium', deps);   // approved reviews only
 * await writeFileAtomic('fusion-vs-terrarium.html', renderComparisonHtml(page));
 * await saveComparison('openrouter-model-fusion', 'terrarium', { ...deps, writeLine }, {});  // draft verdict line
 * approveComparison(store, page.slug, 'Ann');
 * await publishSite('site-data', { store, personas: context.personas });
 * ```
 *
 * **Tools** are named by URL, tool slug or review id (`resolveReview` is the desk's rule, passed
 * in so this stage never imports the editor's, which may import this one). Without `drafts` a
 * tool's approved review is used; with it, its newest draft or approved review, and the page is
 * a `preview`. Unknown tool, no approved review, the same tool twice: `UsageError` (exit 2).
 *
 * **Verdict line.** Written by a model (`writeVerdictLine`, prompts/comparison.md) only on
 * `saveComparison`, stored as a draft version of the pair's comparison pinned to the two
 * reviews; edits are new revisions beside the model's line; `approveComparison` needs both
 * reviews approved and supersedes the pair's approved version. A version whose reviews were
 * superseded since is stale: not approvable, not published. `writeComparisonLine` writes an
 * editor's line with no model (making the pair's draft when there is none).
 *
 * **Verdict history.** `toolHistory` (history.ts) lists every publication of a tool's verdict,
 * newest first, from the reviews ever approved; `publishSite` writes it into each tool file
 * and `changelog.json`, and the comparison card's "Verdict changed on …" comes from it.
 */
export {
  buildComparisonPage,
  cardInitial,
  communityFigure,
  comparisonHeading,
  comparisonSlug,
  comparisonTitle,
  personaOrder,
  verdictWord,
  COMPARISON_INTRO,
  SITE_NAME,
  type CompareInput,
  type ComparedTool,
} from './compare.js';
export { resolvePair, resolveTool, findTool, type CompareDeps, type CompareOptions, type ResolveReview, type ResolvedTool } from './resolve.js';
export { comparePair, findComparison, listComparisons, COMPARISON_AUDIT, type PairPage, type StoredComparison } from './stored.js';
export {
  approveComparison,
  checkVerdictLine,
  editComparison,
  saveComparison,
  writeComparisonLine,
  type LineResult,
  type SaveDeps,
  type SaveOptions,
  type SaveResult,
  type WrittenLine,
} from './actions.js';
export { buildVerdictLineRequest, writeVerdictLine, verdictLineIssues, verdictLineSoftIssues, type VerdictLineDeps } from './verdict-line.js';
export { loadComparisonContext, loadComparisonTemplate, parseComparisonTemplate, type ComparisonContext } from './context.js';
export { renderComparisonHtml, type ComparisonHtmlOptions } from './page-html.js';
export { PAGE_CSS } from './page-css.js';
export { checkVoterKey, recordVote, toolVotes, type Ballot, type ToolVotes } from './votes.js';
export { buildDisclosure } from './disclosure.js';
export { buildChangelog, cardVerdictChange, toolHistory, verdictChange, verdictChangeLine, type HistoryOptions } from './history.js';
export { formatDay } from './day.js';
export { buildPublication, publishSite, CHANGELOG_FILE, type Publication, type PublishDeps, type PublishResult } from './export.js';
export { publishJsonSchema, publishJsonSchemas, SCHEMA_FILES, type SchemaKind } from './json-schema.js';
export { jsonText, writeFileAtomic } from './files.js';
export { publicFacts, publicLinks, publicUrl } from './public-url.js';
export {
  CardDisclosure,
  Changelog,
  HistoryChange,
  HistoryEntry,
  HistoryKind,
  VerdictChange,
  CommunityFigure,
  ComparisonPage,
  DecisionKey,
  DecisionRow,
  DECISION_ROWS,
  Disclosure,
  MAX_VERDICT_LINE_CHARS,
  PublishIndex,
  PublishedReview,
  ScorecardCell,
  ScorecardRow,
  TextAuthorship,
  ToolCard,
  VerdictLine,
  VerdictLineAnswer,
  VerdictWord,
} from './schemas.js';
export { formatComparison, formatComparisonList, formatPublishResult, formatStoredComparison } from './format-text.js';
