import { badUserInput } from "../errors";

/** Longest accepted values; generous for people, tight enough to stop abuse. */
export const INPUT_LIMITS = {
  title: 200,
  description: 20_000,
  note: 10_000,
  channel: 50,
  id: 128,
  idempotencyKey: 200,
} as const;

// Control characters other than tab/newline make audit exports and UIs misbehave.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Characters that render as nothing: format characters (zero-width space and joiners, word joiner,
 * BOM, soft hyphen, bidi marks and controls, tags), whitespace, the Hangul fillers, the braille
 * blank, the combining grapheme joiner and variation selectors. Text made only of these is empty.
 */
// eslint-disable-next-line no-misleading-character-class -- lists single invisible code points, never a sequence
const INVISIBLE = /[\p{Cf}\p{White_Space}\u034F\u115F\u1160\u2800\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
/**
 * Bidirectional embedding, override and isolate controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI,
 * PDI): they reorder what follows, so `invoice\u202Etxt.exe` displays as `invoiceexe.txt`
 * (CVE-2021-42574, "Trojan Source"). Refused where a line is shown as a name (titles, channels).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** Trimmed, non-empty text of at most `max` characters, without control characters. */
export function requireText(field: string, value: unknown, max: number): string {
  if (typeof value !== "string") throw badUserInput(field, `${field} must be text`);
  const text = value.trim();
  if (text.replace(INVISIBLE, "") === "") throw badUserInput(field, `${field} must not be empty`);
  if (text.length > max) throw badUserInput(field, `${field} must be at most ${max} characters (got ${text.length})`);
  if (CONTROL_CHARACTERS.test(text)) throw badUserInput(field, `${field} must not contain control characters`);
  if (LONE_SURROGATE.test(text)) throw badUserInput(field, `${field} is not valid UTF-8 text`);
  return text;
}

/** A one-line name shown in lists (ticket title, channel): text without bidi controls. */
export function requireLabel(field: string, value: unknown, max: number): string {
  const text = requireText(field, value, max);
  if (BIDI_CONTROLS.test(text)) throw badUserInput(field, `${field} must not contain bidirectional override or isolate controls`);
  return text;
}

export function optionalLabel(field: string, value: unknown, max: number): string | null {
  return optionalText(field, value, max) === null ? null : requireLabel(field, value, max);
}

export function optionalText(field: string, value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" && value.trim() === "") return null;
  return requireText(field, value, max);
}

/** Ids are short printable tokens (tenant GUIDs, UUIDs, numeric service request ids, incident ids). */
export function requireId(field: string, value: unknown): string {
  const id = requireText(field, value, INPUT_LIMITS.id);
  if (!/^[A-Za-z0-9._:@-]+$/.test(id)) throw badUserInput(field, `${field} is not a valid id`);
  return id;
}

export function optionalVersion(field: string, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw badUserInput(field, `${field} must be a positive whole number`);
  return value;
}
