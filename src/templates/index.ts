/**
 * Public entry of the templates module: persona files, prompt files, the category list and
 * the untrusted-data fence. Other stages import from here, never from the files behind it.
 */
export { loadCategories } from './categories.js';
export { contentVersion } from './front-matter.js';
export { loadPersonas, parsePersona, personaVersions, type Persona } from './personas.js';
export {
  CACHE_BREAKPOINT,
  loadPromptTemplates,
  parsePromptTemplate,
  placeholders,
  renderTemplate,
  splitAtBreakpoint,
  splitSections,
  PROFILE_VARIABLES,
  REVIEW_PER_CALL_VARIABLES,
  REVIEW_PER_TOOL_VARIABLES,
  REVIEW_VARIABLES,
  type ProfileVariable,
  type PromptTemplate,
  type PromptTemplates,
  type ReviewVariable,
  type TemplateRules,
} from './prompt-files.js';
export { delimitUntrusted, neutraliseDelimiters, UNTRUSTED_TAG } from './untrusted.js';
