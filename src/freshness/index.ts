/**
 * Freshness (issue 13): the hashed sources a review read, whether a published tool changed
 * since, and what the editor sees of a re-review. The one public entry of `freshness/`.
 */
export { NORMALISATION_RULES, NORMALISER_VERSION, normaliseText, normaliseUrl, countBucket } from './normalise.js';
export { hashText, refetchTarget, sourceRecords, SOURCE_KINDS, SOURCE_TEXT_CAP, type SourceKind, type SourceRecord } from './records.js';
export { compareSources, versionChanges, type SourceChange, type Versions } from './compare.js';
export { diffSources, diffTexts, diffVerdicts, DIFF_LINE_CAP, type DiffLine, type PanelSnapshot, type ScoreCall, type SourceDiff, type VerdictDiff, type WordPart } from './diff.js';
export { changedKinds, reviewChanges, storedSources, targetOf, type ReviewChanges, type StoredSources } from './changes.js';
