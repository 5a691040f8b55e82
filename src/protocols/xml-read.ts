// A small XML reader for request bodies (rest-xml inputs such as S3's `<Delete>` or `<Tagging>`):
// elements, text, CDATA, comments and the predefined and numeric entities. DOCTYPEs are refused, so no
// entity expansion can be smuggled in. Attributes are read but only kept for completeness.
// https://www.w3.org/TR/xml/

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

export class XmlSyntaxError extends Error {}

/** The document's root element; throws XmlSyntaxError when the text is not well-formed. */
export function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    const chunk = open === -1 ? text.slice(i) : text.slice(i, open);
    if (chunk.length > 0) {
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(chunk);
      else if (chunk.trim() !== '') throw new XmlSyntaxError('text outside the root element');
    }
    if (open === -1) break;
    if (text.startsWith('<?', open)) i = after(text, '?>', open);
    else if (text.startsWith('<!--', open)) i = after(text, '-->', open);
    else if (text.startsWith('<![CDATA[', open)) {
      const end = after(text, ']]>', open);
      const top = stack[stack.length - 1];
      if (!top) throw new XmlSyntaxError('CDATA outside the root element');
      top.text += text.slice(open + 9, end - 3);
      i = end;
    } else if (text.startsWith('<!', open)) throw new XmlSyntaxError('DOCTYPE is not allowed');
    else if (text.startsWith('</', open)) {
      const end = after(text, '>', open);
      const name = text.slice(open + 2, end - 1).trim();
      const top = stack.pop();
      if (!top || top.name !== name) throw new XmlSyntaxError(`unexpected </${name}>`);
      i = end;
    } else {
      const end = after(text, '>', open);
      const selfClosing = text[end - 2] === '/';
      const inner = text.slice(open + 1, selfClosing ? end - 2 : end - 1);
      const element = parseTag(inner);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new XmlSyntaxError('more than one root element');
      else root = element;
      if (!selfClosing) stack.push(element);
      i = end;
    }
  }
  if (!root || stack.length > 0) throw new XmlSyntaxError('unexpected end of document');
  return root;
}

/** The local name of a possibly prefixed name (`s3:Key` → `Key`). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  if (at === -1) throw new XmlSyntaxError(`missing ${token}`);
  return at + token.length;
}

function parseTag(inner: string): XmlElement {
  const match = /^([A-Za-z_][\w.:-]*)([\s\S]*)$/.exec(inner);
  if (!match) throw new XmlSyntaxError(`bad tag <${inner}>`);
  const attributes: Record<string, string> = Object.create(null);
  const rest = match[2]!;
  const attribute = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/gy;
  let consumed = 0;
  for (let found = attribute.exec(rest); found; found = attribute.exec(rest)) {
    attributes[found[1]!] = decodeEntities(found[3] ?? found[4] ?? '');
    consumed = attribute.lastIndex;
  }
  if (rest.slice(consumed).trim() !== '') throw new XmlSyntaxError(`bad attributes in <${inner}>`);
  return { name: localName(match[1]!), attributes, children: [], text: '' };
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);|&/g, (whole, entity: string | undefined) => {
    if (entity === undefined) throw new XmlSyntaxError('bare & in text');
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const known = ENTITIES[entity];
    if (known === undefined) throw new XmlSyntaxError(`unknown entity ${whole}`);
    return known;
  });
}
