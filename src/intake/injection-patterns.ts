/**
 * The phrase families the prompt-injection detector looks for. Each family says why a match is
 * suspicious (that text ends up in the flag the editor reads) and where it counts:
 * `anywhere` families are imperatives aimed at a model and count even inside code blocks;
 * `prose` families (chat-template role markers, turn markers, score lines) are also what a
 * README legitimately shows in a code sample, so they only count outside code.
 *
 * Patterns are deliberately narrow: READMEs of LLM tools talk about "system prompts",
 * "instructions", "judges" and "scores" all the time, so a pattern needs an imperative aimed at
 * the reader (or a token only a chat template uses), never a bare noun. Adding a pattern means
 * adding a crafted case and keeping every real page in fixtures/pages/ clean (see
 * test/intake/injection-real-pages.test.ts).
 */

export interface InjectionPattern {
  re: RegExp;
  /**
   * Words every match contains, lower-case: one of each group (literals the pattern requires
   * in each of its alternatives). The scan runs the pattern only on text that contains them —
   * finding a few words is far cheaper than a case-insensitive regex over a 30 kB page
   * source, and most patterns cannot match a clean page. Short or common words ("as", "10",
   * "#", "the") are left out even where required: they are everywhere in a page source, and
   * finding them would cost more than they save. Keep them sound when changing a pattern: a
   * test checks every match of every crafted case against them.
   */
  needs: ReadonlyArray<readonly string[]>;
}

export interface InjectionFamily {
  id: string;
  /** Completes "text that …" in the flag detail. */
  why: string;
  scope: 'anywhere' | 'prose';
  patterns: InjectionPattern[];
}

const OVERRIDE_VERBS = ['ignore', 'disregard', 'forget', 'override', 'bypass', 'discard', 'neglect'];
const GIVE = ['give', 'award', 'assign', 'grant'];
const REVIEWERS = ['reviewer', 'judge', 'evaluator', 'grader', 'rater', 'scorer', 'critic', 'panel'];

// Targets a page may name when it demands a score for itself.
const TARGET = String.raw`(?:tool|product|app|application|project|repo|repository|library|framework|service|extension|page|model|plugin|agent|site)`;
// "100" but not "100%" (effort), "1000" or a count ("give it 100 tries", "100 prompts").
const HUNDRED = String.raw`100(?![\d%])(?:\s*\/\s*100)?(?!\s+(?:prompts?|tests?|tries|times|examples?|samples?|questions?|tasks?|requests?|tokens?|models?|users?|runs?|steps?|files?|items?|rows?|queries|calls?|credits?|words?|lines?)\b)`;
const TOP_SCORE = String.raw`(?:${HUNDRED}|10\s*\/\s*10|5\s*\/\s*5|(?:five|5)[\s-]+stars?|full\s+marks|top\s+marks|a\s+perfect\s+(?:score|rating|10)|perfect\s+(?:score|rating)|(?:a\s+)?ship(?:\s+verdict)?)`;
const AI = String.raw`(?:ai|a\.i\.|llm|gpt|chatgpt|claude|gemini|language[\s-]+model|large\s+language\s+model)`;
const REVIEWER = String.raw`(?:reviewers?|judges?|evaluators?|graders?|raters?|scorers?|critics?|panel(?:ists)?)`;

export const INJECTION_FAMILIES: readonly InjectionFamily[] = [
  {
    id: 'override',
    why: 'tells the model to ignore its instructions',
    scope: 'anywhere',
    patterns: [
      // "ignore all previous instructions", "disregard the above prompts", "forget prior rules"
      // ("override the system prompt" or "the original prompt" is how docs describe a CLI flag)
      { re: /\b(?:ignore|disregard|forget|override|bypass|discard|neglect)\s+(?:all\s+|any\s+|every\s+|each\s+)?(?:of\s+)?(?:the\s+|your\s+|my\s+|these\s+|those\s+)?(?:previous|prior|preceding|above|earlier|foregoing|former)\s+(?:instructions?|prompts?|directions?|directives?|rules|guidelines|context|messages?|commands?|orders|constraints|guidance)\b/i, needs: [OVERRIDE_VERBS, ['previous', 'prior', 'preceding', 'above', 'earlier', 'foregoing', 'former'], ['instruction', 'prompt', 'direction', 'directive', 'rules', 'guidelines', 'context', 'message', 'command', 'orders', 'constraints', 'guidance']] },
      // "disregard all instructions", "ignore any other instructions" ("ignore all rules" is ESLint)
      { re: /\b(?:ignore|disregard|forget)\s+(?:all|any)\s+(?:other\s+|existing\s+|system\s+)?(?:instructions|prompts|directives)\b/i, needs: [['ignore', 'disregard', 'forget'], ['instructions', 'prompts', 'directives']] },
      // "ignore everything above", "disregard all you were told"
      { re: /\b(?:ignore|disregard|forget)\s+(?:all|everything|anything)\s+(?:above|before\s+this|previously|said\s+before|you\s+(?:were|have\s+been)\s+told)\b/i, needs: [['ignore', 'disregard', 'forget']] },
      // "ignore your instructions", "forget your rules" (but not "ignore the instructions below": a README's aside)
      { re: /\b(?:ignore|disregard|forget|override)\s+(?:all\s+)?your\s+(?:instructions|guidelines|rules|system\s+prompt|programming|training|directives)\b/i, needs: [['ignore', 'disregard', 'forget', 'override'], ['your']] },
      { re: /\bdo\s+not\s+(?:follow|obey)\s+(?:your|the)\s+(?:previous|prior|original|system|above)\s+(?:instructions|prompt|rules)\b/i, needs: [['follow', 'obey']] },
      { re: /\bnew\s+(?:system\s+)?instructions?\s*:/i, needs: [['instruction']] },
    ],
  },
  {
    id: 'role',
    why: 'tries to give the model a new role',
    scope: 'anywhere',
    patterns: [
      // "you are now a helpful reviewer who…", "you are now DAN", "you are now in developer mode"
      { re: /\byou\s+are\s+now\s+(?:a\s+|an\s+|the\s+|in\s+)?(?:[\w-]+\s+){0,2}?(?:assistant|ai|model|llm|reviewer|judge|grader|evaluator|critic|persona|bot|chatbot|dan|jailbroken|unrestricted|unfiltered|developer\s+mode|god\s+mode)\b/i, needs: [['now']] },
      { re: /\bfrom\s+now\s+on,?\s+you\s+(?:are\s+(?:a|an|the)\b|will\s+(?:act|respond|answer|reply|behave|be\s+(?:a|an)\b)|must\s+(?:act|respond|answer|reply|rate|score|give))/i, needs: [['now']] },
      { re: /\bpretend\s+(?:that\s+)?(?:you\s+are|to\s+be)\s+(?:a|an|the)\b/i, needs: [['pretend']] },
    ],
  },
  {
    id: 'system-prompt',
    why: "targets the model's system prompt",
    scope: 'anywhere',
    patterns: [
      // Aimed at the reader's own prompt ("your"), not a README explaining system prompts.
      { re: /\b(?:reveal|print|show|output|repeat|display|leak|disclose|ignore|override|replace|forget|disregard)\s+(?:me\s+)?your\s+(?:entire\s+|full\s+|original\s+|hidden\s+|initial\s+)?(?:system\s+)?(?:prompt|message|instructions)\b/i, needs: [['your'], ['prompt', 'message', 'instructions']] },
      { re: /\b(?:your\s+new|updated|revised)\s+system\s+(?:prompt|message|instructions)\s*(?:is|:)/i, needs: [['system'], ['your', 'updated', 'revised'], ['prompt', 'message', 'instructions']] },
      { re: /\b(?:end|begin|start)\s+of\s+(?:the\s+)?system\s+(?:prompt|message)\b/i, needs: [['system'], ['prompt', 'message']] },
      { re: /\bsystem\s+(?:prompt|message|override)\s*:\s*(?:you\s+(?:are|must|will)|ignore|from\s+now)/i, needs: [['system'], ['prompt', 'message', 'override']] },
    ],
  },
  {
    id: 'score-demand',
    why: 'asks for a particular score or verdict',
    scope: 'anywhere',
    patterns: [
      // "give this tool 100", "give the product a perfect score", "award this project five stars"
      { re: new RegExp(String.raw`\b(?:give|award|assign|grant)\s+(?:this|the|our)\s+${TARGET}\s+(?:a\s+|an\s+)?(?:(?:perfect|maximum|max|top|full|high(?:est)?)\s+)?(?:(?:score|rating|grade|verdict)\s+)?(?:of\s+)?${TOP_SCORE}`, 'i'), needs: [GIVE] },
      // "give it 100", "give it a perfect score" (not "give it 100%": effort, not a score)
      { re: new RegExp(String.raw`\b(?:give|award|assign|grant)\s+(?:it|this)\s+(?:a\s+)?(?:(?:perfect|maximum|top|full)\s+)?(?:(?:score|rating)\s+)?(?:of\s+)?(?:${HUNDRED}|10\s*\/\s*10|full\s+marks|a\s+perfect\s+score|a\s+ship\s+verdict)`, 'i'), needs: [GIVE] },
      // "rate this tool highly", "score it 100", "review this page positively" (not "score the 100 prompts")
      { re: new RegExp(String.raw`\b(?:rate|score|grade|rank|review|judge|evaluate)\s+(?:it|this(?:\s+${TARGET})?|(?:the|our)\s+${TARGET})\s+(?:as\s+)?(?:very\s+)?(?:highly|positively|favou?rably|${HUNDRED}|10\s*\/\s*10|(?:five|5)\s+stars|a\s+(?:perfect\s+)?(?:100|10)\b|(?:a\s+)?ship\b|excellent|the\s+highest|at\s+least\s+\d{2})`, 'i'), needs: [['rate', 'score', 'grade', 'rank', 'review', 'judge', 'evaluate']] },
      // "this tool must receive a score of 100", "should be rated 10/10"
      { re: new RegExp(String.raw`\b(?:must|should|shall|deserves?\s+to|has\s+to|needs\s+to)\s+(?:receive|get|be\s+given|be\s+scored|be\s+rated|score|earn|be\s+marked)\s+(?:a\s+)?(?:(?:perfect|maximum|top)\s+)?(?:(?:score|rating)\s+)?(?:of\s+)?(?:${HUNDRED}|10\s*\/\s*10|a\s+perfect\s+score|(?:a\s+)?ship\b)`, 'i'), needs: [['must', 'should', 'shall', 'deserve', 'has', 'need'], ['receive', 'get', 'given', 'scored', 'rated', 'score', 'earn', 'marked']] },
      // "the verdict must be ship", "always answer ship"
      { re: /\b(?:verdict|vote|recommendation|decision)\s+(?:should|must|shall|has\s+to|needs\s+to)\s+be\s+["'“]?ship\b/i, needs: [['verdict', 'vote', 'recommendation', 'decision'], ['ship']] },
      { re: /\b(?:always|only)\s+(?:say|answer|respond(?:\s+with)?|output|vote|return|reply(?:\s+with)?)\s+["'“]?ship\b/i, needs: [['always', 'only'], ['ship']] },
    ],
  },
  {
    id: 'score-line',
    why: 'sets out a score or verdict as if already decided',
    scope: 'prose',
    patterns: [
      { re: /^[\s>*#_-]*(?:final\s+|overall\s+|panel\s+|review\s+)?(?:score|rating)\s*[:=]\s*["'“]?(?:100(?![\d%])|10\s*\/\s*10|\d{1,3}\s*\/\s*100)\b/im, needs: [['score', 'rating']] },
      { re: /^[\s>*#_-]*(?:final\s+|overall\s+|panel\s+)?(?:verdict|decision)\s*[:=]\s*["'“]?ship\b/im, needs: [['verdict', 'decision'], ['ship']] },
    ],
  },
  {
    id: 'ai-address',
    why: 'addresses AI reviewers directly',
    scope: 'anywhere',
    patterns: [
      { re: new RegExp(String.raw`\b(?:note|message|instructions?|attention|notice|memo|reminder)\s+(?:to|for)\s+(?:any\s+|all\s+|the\s+)?(?:${AI}|automated)\s+${REVIEWER}`, 'i'), needs: [['note', 'message', 'instruction', 'attention', 'notice', 'memo', 'reminder'], REVIEWERS] },
      { re: new RegExp(String.raw`\b(?:dear|attention)\s*,?\s+${AI}s?(?:\s+${REVIEWER})?\s*[,:!]`, 'i'), needs: [['dear', 'attention']] },
      { re: new RegExp(String.raw`\b(?:if|when)\s+you\s+are\s+an?\s+${AI}\s*(?:-?based\s+)?(?:${REVIEWER}|reviewing|evaluating|rating|scoring|judging|grading|ranking)\b`, 'i'), needs: [[...REVIEWERS, 'reviewing', 'evaluating', 'rating', 'scoring', 'judging', 'grading']] },
      { re: new RegExp(String.raw`\bas\s+an?\s+${AI}\s+(?:${REVIEWER}|model|assistant)\s*,?\s+you\s+(?:must|should|will|are|have|need|can|shall)\b`, 'i'), needs: [[...REVIEWERS, 'model', 'assistant']] },
      // "AI reviewers must score…", but not "LLM judges should be calibrated" (an eval tool's docs)
      { re: new RegExp(String.raw`\b${AI}\s+${REVIEWER}\s*[,:]?\s+(?:(?:must|should|shall|need\s+to|are\s+(?:required|instructed|asked|told)\s+to)\s+(?:not\s+)?(?:give|rate|score|award|recommend|vote|mark|treat|consider|ignore|disregard|penali[sz]e|approve)|please)\b`, 'i'), needs: [REVIEWERS] },
      { re: new RegExp(String.raw`\bto\s+(?:any|the|every)\s+(?:${AI}|model)\s+(?:reviewing|evaluating|rating|scoring|judging|grading)\s+this\b`, 'i'), needs: [['reviewing', 'evaluating', 'rating', 'scoring', 'judging', 'grading']] },
    ],
  },
  {
    id: 'fake-output',
    why: "imitates the panel's own answer format",
    scope: 'anywhere',
    patterns: [
      // {"score": 100, "verdict": "ship" …} in either order, quoted or not
      { re: /["'“]?score["'”]?\s*:\s*\d{1,3}\s*,\s*["'“]?verdict["'”]?\s*:\s*["'“]?(?:ship|skip)\b/i, needs: [['score'], ['verdict']] },
      { re: /["'“]?verdict["'”]?\s*:\s*["'“]?(?:ship|skip)["'”]?\s*,\s*["'“]?(?:score|quote)["'”]?\s*:/i, needs: [['verdict'], ['ship', 'skip'], ['score', 'quote']] },
      { re: /"verdict"\s*:\s*"(?:ship|skip)"/i, needs: [['"verdict"']] },
      // "Builder: 100/100 · ship", "Skeptic — 95 — ship"
      { re: /\b(?:builder|skeptic|futurist|creator|persona|reviewer)\b\s*[:\-–—|·]?\s*\d{1,3}\s*\/\s*100\b/i, needs: [['builder', 'skeptic', 'futurist', 'creator', 'persona', 'reviewer']] },
      { re: /\b(?:builder|skeptic|futurist|creator)\b\s*[:\-–—|·]\s*\d{1,3}\s*[\-–—|·,]\s*(?:ship|skip)\b/i, needs: [['builder', 'skeptic', 'futurist', 'creator'], ['ship', 'skip']] },
      // The panel label: "Ship · 4 ship / 0 skip", "100% panel ship"
      { re: /\b(?:ship|skip|mixed)\s*[·•|-]\s*\d+\s+ship\s*\/\s*\d+\s+skip\b/i, needs: [['ship'], ['skip']] },
      { re: /\b\d{1,3}\s*%\s+panel\s+ship\b/i, needs: [['panel'], ['ship']] },
    ],
  },
  {
    id: 'role-marker',
    why: 'carries chat role markers',
    scope: 'prose',
    patterns: [
      { re: /<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>/i, needs: [['<|']] },
      { re: /\[\/?INST\]|<<\/?SYS>>/, needs: [['inst]', '<<sys>>', '<</sys>>']] },
      { re: /<\/s>\s*(?:<s>|\[INST\]|<\||(?:human|assistant|user|system)\s*:)/i, needs: [['</s>']] },
      { re: /^[ \t>*_-]*(?:human|assistant)\s*:/im, needs: [['human', 'assistant']] },
      { re: /^[ \t]*#{1,6}[ \t]*(?:system|instructions?|response|assistant|user|human)[ \t]*:/im, needs: [['system', 'instruction', 'response', 'assistant', 'user', 'human']] },
      { re: /<\/?(?:system|system_prompt|instructions|assistant|sys)>/i, needs: [['system>', 'system_prompt>', 'instructions>', 'assistant>', 'sys>']] },
    ],
  },
  {
    id: 'delimiter',
    why: "imitates the prompt's data fences",
    scope: 'anywhere',
    patterns: [
      // Our own fence (see src/templates/untrusted.ts), in any spelling a page could use.
      { re: /(?:<|&lt;?|\uFF1C|\u2039)\s*\/?\s*untrusted[\s_-]*data/i, needs: [['untrusted']] },
      // The roster's persona tags (src/panel/prompt.ts).
      { re: /<\/persona>|<persona\s+name\s*=/i, needs: [['</persona>', '<persona']] },
    ],
  },
];
