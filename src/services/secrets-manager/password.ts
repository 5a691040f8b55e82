// GetRandomPassword's generator: characters drawn with node:crypto from the included types, at least one
// of each when RequireEachIncludedType (the default) asks for it.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html

import { randomInt } from 'node:crypto';
import { invalidParameter } from './errors.js';

/** The punctuation the API reference lists for ExcludePunctuation. */
export const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

export interface PasswordOptions {
  readonly PasswordLength?: number;
  readonly ExcludeCharacters?: string;
  readonly ExcludeNumbers?: boolean;
  readonly ExcludePunctuation?: boolean;
  readonly ExcludeUppercase?: boolean;
  readonly ExcludeLowercase?: boolean;
  readonly IncludeSpace?: boolean;
  readonly RequireEachIncludedType?: boolean;
}

export function randomPassword(options: PasswordOptions): string {
  const length = options.PasswordLength ?? 32;
  const excluded = new Set(options.ExcludeCharacters ?? '');
  const keep = (set: string) => [...set].filter((c) => !excluded.has(c)).join('');
  // The types RequireEachIncludedType speaks of: "at least one upper and lowercase letter, one number, and
  // one punctuation"; a space is allowed, never required.
  const types = [
    options.ExcludeLowercase ? '' : keep(LOWERCASE),
    options.ExcludeUppercase ? '' : keep(UPPERCASE),
    options.ExcludeNumbers ? '' : keep(DIGITS),
    options.ExcludePunctuation ? '' : keep(PUNCTUATION),
  ].filter((set) => set.length > 0);
  const pool = types.join('') + (options.IncludeSpace && !excluded.has(' ') ? ' ' : '');
  if (pool.length === 0) {
    throw invalidParameter('The password can contain no characters: every character type is excluded.');
  }
  const required = options.RequireEachIncludedType === false ? [] : types;
  // moto's wording, which it reproduces from AWS for a length below the required types.
  if (length < required.length)
    throw invalidParameter('Password length is too short based on the required types.');
  const chars = required.map(pick);
  while (chars.length < length) chars.push(pick(pool));
  // Fisher–Yates, so the required characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

function pick(set: string): string {
  return set[randomInt(set.length)]!;
}
