// `$util.list`, `$util.map`, `$util.str`, `$util.math` and `$util.xml` (and their `util.*` JS forms).
// https://docs.aws.amazon.com/appsync/latest/devguide/list-helpers-in-util-list.html
// https://docs.aws.amazon.com/appsync/latest/devguide/map-helpers-in-util-map.html
// https://docs.aws.amazon.com/appsync/latest/devguide/str-helpers-in-str.html
// https://docs.aws.amazon.com/appsync/latest/devguide/math-helpers-in-util-math.html
// https://docs.aws.amazon.com/appsync/latest/devguide/xml-helpers-in-utils-xml.html

import { ErrorSignal } from './signals.js';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const map = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const listUtils = {
  copyAndRetainAll: (a: unknown, keep: unknown) => list(a).filter((x) => list(keep).some((y) => same(x, y))),
  copyAndRemoveAll: (a: unknown, drop: unknown) => list(a).filter((x) => !list(drop).some((y) => same(x, y))),
  /** Sorts strings, numbers or maps by `property`; AppSync sorts at most 1000 items and returns others as
   * given ("the list is returned unmodified if it has more than 1000 objects"). */
  sortList: (a: unknown, descending: unknown, property?: unknown) => {
    const items = [...list(a)];
    if (items.length > 1000) return items;
    const key = (x: unknown) => (property ? map(x)[String(property)] : x);
    items.sort((x, y) => {
      const [kx, ky] = [key(x), key(y)] as [never, never];
      const order = kx < ky ? -1 : kx > ky ? 1 : 0;
      return descending ? -order : order;
    });
    return items;
  },
};

export const mapUtils = {
  copyAndRetainAllKeys: (m: unknown, keys: unknown) =>
    Object.fromEntries(Object.entries(map(m)).filter(([k]) => list(keys).includes(k))),
  copyAndRemoveAllKeys: (m: unknown, keys: unknown) =>
    Object.fromEntries(Object.entries(map(m)).filter(([k]) => !list(keys).includes(k))),
};

export const strUtils = {
  toUpper: (s: unknown) => String(s ?? '').toUpperCase(),
  toLower: (s: unknown) => String(s ?? '').toLowerCase(),
  toReplace: (s: unknown, find: unknown, replacement: unknown) =>
    String(s ?? '')
      .split(String(find))
      .join(String(replacement ?? '')),
  normalize: (s: unknown, form: unknown) => {
    const f = String(form ?? 'NFC').toUpperCase();
    if (!['NFC', 'NFD', 'NFKC', 'NFKD'].includes(f)) {
      throw new ErrorSignal({ message: `Unknown normalization form: ${String(form)}` });
    }
    return String(s ?? '').normalize(f);
  },
};

export const mathUtils = {
  roundNum: (n: unknown) => Math.round(Number(n)),
  minVal: (a: unknown, b: unknown) => Math.min(Number(a), Number(b)),
  maxVal: (a: unknown, b: unknown) => Math.max(Number(a), Number(b)),
  randomDouble: () => Math.random(),
  randomWithinRange: (min: unknown, max: unknown) => {
    const lo = Math.ceil(Number(min));
    const hi = Math.floor(Number(max));
    return lo + Math.floor(Math.random() * (hi - lo + 1));
  },
};

type XmlNode = { name: string; children: XmlNode[]; text: string; attributes: Record<string, string> };

function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '', children: [], text: '', attributes: {} };
  const stack = [root];
  const body = xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '');
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const top = stack[stack.length - 1] as XmlNode;
    if (m[5] !== undefined || m[6] !== undefined) {
      top.text += m[5] ?? decode(m[6] as string);
    } else if (m[1]) {
      if (top.name !== m[2]) throw new ErrorSignal({ message: `Malformed XML: unexpected </${m[2]}>` });
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const a of (m[3] as string).matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        attributes[a[1] as string] = decode(a[3] ?? a[4] ?? '');
      }
      const node: XmlNode = { name: m[2] as string, children: [], text: '', attributes };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    }
  }
  if (stack.length !== 1) throw new ErrorSignal({ message: 'Malformed XML: unclosed element' });
  return root;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Leaf text as AppSync's example shows it: numbers as numbers ("id":1), other text as strings. */
function scalar(text: string): unknown {
  const t = text.trim();
  return /^-?\d+(\.\d+)?$/.test(t) && Number.isFinite(Number(t)) ? Number(t) : t;
}

function toValue(node: XmlNode): unknown {
  const attrs = Object.entries(node.attributes);
  if (node.children.length === 0 && attrs.length === 0) return scalar(node.text);
  const out: Record<string, unknown> = Object.fromEntries(attrs);
  for (const child of node.children) {
    const value = toValue(child);
    const existing = out[child.name];
    if (existing === undefined) out[child.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[child.name] = [existing, value];
  }
  if (node.text.trim() !== '' && node.children.length === 0) out.content = scalar(node.text);
  return out;
}

export const xmlUtils = {
  toMap: (xml: unknown) => toValue(parseXml(String(xml ?? ''))),
  toJsonString: (xml: unknown) => JSON.stringify(toValue(parseXml(String(xml ?? '')))),
};
