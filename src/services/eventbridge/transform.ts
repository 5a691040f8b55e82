// What a target receives: the event, or the target's `Input` (constant JSON), `InputPath` (a JSON path into
// the event), or `InputTransformer` (variables from `InputPathsMap` filled into `InputTemplate`).
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html

import { eventTime } from './names.js';
import type { EventEnvelope, Target } from './targets.js';

/** Variables EventBridge defines itself; an InputPathsMap cannot reuse these names. */
export const PREDEFINED_VARIABLES = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
];

export interface RuleInfo {
  readonly arn: string;
  readonly name: string;
}

/** The text the target is sent for this event. */
export function targetPayload(
  target: Target,
  event: EventEnvelope,
  rule: RuleInfo,
  ingestedAt: number,
): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(readPath(event, target.InputPath) ?? null);
  if (target.InputTransformer !== undefined) {
    const { InputPathsMap = {}, InputTemplate } = target.InputTransformer;
    const variables = new Map<string, unknown>();
    for (const [name, path] of Object.entries(InputPathsMap)) variables.set(name, readPath(event, path));
    const { detail: _detail, ...withoutDetail } = event;
    variables.set('aws.events.rule-arn', rule.arn);
    variables.set('aws.events.rule-name', rule.name);
    variables.set('aws.events.event.ingestion-time', eventTime(ingestedAt));
    variables.set('aws.events.event', withoutDetail);
    variables.set('aws.events.event.json', event);
    return renderTemplate(InputTemplate, variables);
  }
  return JSON.stringify(event);
}

/** The placeholders `<name>` a template uses. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/**
 * Fills a template. In a JSON template (one starting with `{` or `[`) a variable outside quotes becomes the
 * value's JSON (strings quoted); inside a quoted string, and anywhere in a string template, it becomes the
 * bare text — "EventBridge doesn't escape values extracted by Input Path". A path that matched nothing gives
 * nothing ("that variable isn't created and won't appear in the output"; `null` where JSON needs a value).
 * A JSON result is minified ("The JSON that is passed to the target is minified").
 */
export function renderTemplate(template: string, variables: ReadonlyMap<string, unknown>): string {
  const json = /^\s*[[{]/.test(template);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '\\' && inString) {
      out += char + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === '"') inString = !inString;
    if (char === '<') {
      const match = PLACEHOLDER_AT.exec(template.slice(i));
      if (match && variables.has(match[1]!)) {
        out += substitute(variables.get(match[1]!), json && !inString);
        i += match[0].length - 1;
        continue;
      }
    }
    out += char;
  }
  if (!json) return out;
  try {
    return JSON.stringify(JSON.parse(out));
  } catch {
    return out;
  }
}

/**
 * Reads a JSON path of the subset EventBridge supports: `$`, dot notation (names with dashes and
 * underscores), array indices `[0]` and wildcards `*` / `[*]` (which collect the matches into an array).
 */
export function readPath(root: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+|\*)\]|\['([^']*)'\]/g)];
  let current: unknown[] = [root];
  let wildcard = false;
  for (const step of steps) {
    const key = step[1] ?? step[2] ?? step[3]!;
    const next: unknown[] = [];
    for (const value of current) {
      if (key === '*') {
        wildcard = true;
        if (Array.isArray(value)) next.push(...value);
        else if (isRecord(value)) next.push(...Object.values(value));
      } else if (Array.isArray(value) && /^\d+$/.test(key)) {
        if (Number(key) < value.length) next.push(value[Number(key)]);
      } else if (isRecord(value) && Object.hasOwn(value, key)) {
        next.push(value[key]);
      }
    }
    current = next;
  }
  return wildcard ? current : current[0];
}

const PLACEHOLDER = /<([^<>\s]+)>/g;
const PLACEHOLDER_AT = /^<([^<>\s]+)>/;

function substitute(value: unknown, asJson: boolean): string {
  if (value === undefined) return asJson ? 'null' : '';
  if (asJson) return JSON.stringify(value);
  if (typeof value === 'string') return value;
  // An object or array inside a string loses its quotes so the string stays a string.
  if (typeof value === 'object' && value !== null) return JSON.stringify(value).replaceAll('"', '');
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
