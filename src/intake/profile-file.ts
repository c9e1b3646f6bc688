/**
 * A JSON profile: a tool described by hand (or by an API answering JSON) instead of a page.
 * Its profile fields are certain, so they go to `known` and the profile model only fills gaps.
 */
import { z } from 'zod';
import { Facts, ProfileAnswer, type IntakeSource } from '../schemas.js';
import { detectInjection } from './injection.js';
import { applyTextBudget } from './text-budget.js';

/**
 * `name` is required, every other profile field optional; unknown keys are refused so a typo
 * ("bestfor") is reported instead of silently ignored.
 */
export const ProfileFile = ProfileAnswer.partial()
  .extend({
    name: ProfileAnswer.shape.name,
    url: z.url({ protocol: /^https?$/ }).optional(),
    links: z.record(z.string(), z.url({ protocol: /^https?$/ })).optional(),
    facts: Facts.optional(),
    text: z.string().optional(),
  })
  .strict();
export type ProfileFile = z.infer<typeof ProfileFile>;

/** The first problem, as "field: message", for a one-line error. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue == null) return 'is invalid';
  if (issue.code === 'unrecognized_keys') return `unknown field "${issue.keys.join('", "')}"`;
  const field = issue.path.join('.') || '(top level)';
  return `field "${field}": ${issue.message}`;
}

/** Every string in the profile (fields, facts, text), for the prompt-injection detector. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value != null) return Object.values(value).flatMap(strings);
  return [];
}

const PROFILE_KEYS = ['name', 'tagline', 'description', 'category', 'pricing', 'bestFor', 'vendor'] as const;

export function profileToSource(profile: ProfileFile, origin: { target: string; url: string }): IntakeSource {
  const known: Partial<ProfileAnswer> = {};
  for (const key of PROFILE_KEYS) {
    if (profile[key] !== undefined) Object.assign(known, { [key]: profile[key] });
  }
  const { text, truncated } = applyTextBudget(
    profile.text ?? [profile.tagline, profile.description].filter(Boolean).join('\n\n'),
  );
  return {
    kind: 'profile-json',
    target: origin.target,
    url: profile.url ?? origin.url,
    title: profile.name,
    description: profile.description ?? profile.tagline ?? null,
    text,
    truncated,
    facts: profile.facts ?? {},
    links: profile.links ?? {},
    known,
    flags: detectInjection({ text: strings(profile).join('\n') }),
  };
}
