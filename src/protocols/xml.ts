// Writing AWS-style XML from a value and its shape (awsQuery responses now; rest-xml later).
// Flattened lists and maps repeat under the member's query name; others nest under member/entry.

import type { Shape, StructureShape } from '../core/shapes.js';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => XML_ESCAPES[c]!);
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
};

/** The members of `value` as XML elements, in the order the shape declares them. Timestamps are epoch
 * milliseconds, or seconds (`msPerUnit` 1000) for a service whose outputs follow awsJson's convention. */
export function structureToXml(
  shape: StructureShape | undefined,
  value: Record<string, unknown>,
  msPerUnit = 1,
): string {
  let xml = '';
  if (!shape) {
    for (const [name, member] of Object.entries(value)) xml += valueToXml(name, undefined, member, msPerUnit);
    return xml;
  }
  for (const name in shape.members) {
    const member = shape.members[name]!;
    const item = value[name];
    if (item === undefined || item === null) continue;
    xml += memberToXml(member.queryName ?? name, member.shape, item, msPerUnit);
  }
  return xml;
}

function memberToXml(name: string, shape: Shape, value: unknown, msPerUnit: number): string {
  if (shape.kind === 'list' && Array.isArray(value)) {
    if (shape.flattened) return value.map((item) => valueToXml(name, shape.member, item, msPerUnit)).join('');
    const itemName = shape.memberName ?? 'member';
    return element(name, value.map((item) => valueToXml(itemName, shape.member, item, msPerUnit)).join(''));
  }
  if (shape.kind === 'map' && isRecord(value)) {
    const entries = Object.entries(value).map(
      ([key, item]) =>
        element(shape.keyName, escapeXml(key)) + valueToXml(shape.valueName, shape.value, item, msPerUnit),
    );
    if (shape.flattened) return entries.map((entry) => element(name, entry)).join('');
    return element(name, entries.map((entry) => element('entry', entry)).join(''));
  }
  return valueToXml(name, shape, value, msPerUnit);
}

function valueToXml(name: string, shape: Shape | undefined, value: unknown, msPerUnit: number): string {
  if (shape && (shape.kind === 'list' || shape.kind === 'map'))
    return memberToXml(name, shape, value, msPerUnit);
  if (isRecord(value)) {
    return element(name, structureToXml(shape?.kind === 'structure' ? shape : undefined, value, msPerUnit));
  }
  if (Array.isArray(value))
    return element(name, value.map((item) => valueToXml('member', undefined, item, msPerUnit)).join(''));
  if (Buffer.isBuffer(value)) return element(name, value.toString('base64'));
  if (shape?.kind === 'timestamp' && typeof value === 'number')
    return element(name, isoSeconds(value * msPerUnit));
  return element(name, escapeXml(String(value)));
}

/** Timestamps as the query protocol writes them: ISO 8601 in UTC, to the second (`2015-02-06T18:39:46Z`). */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
