// Reads a YAML template into plain JSON, turning CloudFormation's short-form tags (!Ref, !GetAtt, !Sub, ...) into
// their long forms. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
//
// The document is read with the YAML 1.2 core schema, so `2012-10-17` stays a string (no timestamps) and
// `yes`/`no`/`on`/`off` stay strings (no YAML 1.1 booleans). A plain scalar such as `012345678901` (an account id)
// also stays a string: it is no integer in YAML 1.1 either (a leading zero that is not valid octal), which is how
// CloudFormation reads it, rather than the 12345678901 the core schema would give.

import { isAlias, isMap, isPair, isScalar, isSeq, type Node, parseDocument, Scalar } from 'yaml';
import { formatError } from './errors.js';

/** Short-form tag → long-form key. `!GetAtt` and `!Ref`/`!Condition` are special-cased below. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!ImportValue': 'Fn::ImportValue',
  '!Transform': 'Fn::Transform',
  // CloudFormation itself rejects these two short forms (the language-extensions page says to write the long form);
  // Nimbus accepts them, a template that uses them deploys here and not on AWS. See README.
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

export function readYaml(body: string): unknown {
  const doc = parseDocument(body, { schema: 'core', prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const position = error.linePos?.[0];
    const where = position ? ` (line ${position.line}, column ${position.col})` : '';
    throw formatError(`YAML not well-formed.${where}`);
  }
  const seen = new Set<Node>();
  let aliases = 0; // a bound on alias expansion, against "billion laughs" documents
  const toJson = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target || seen.has(target) || ++aliases > 10_000) throw formatError('YAML not well-formed.');
      seen.add(target);
      try {
        return toJson(target);
      } finally {
        seen.delete(target);
      }
    }
    let value: unknown;
    if (isScalar(node)) value = scalarValue(node, body);
    else if (isSeq(node)) value = node.items.map(toJson);
    else if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = toJson(pair.key);
        out[typeof key === 'string' ? key : JSON.stringify(key)] = toJson(pair.value);
      }
      value = out;
    } else return null;
    const tag = (node as { tag?: string }).tag;
    return tag ? applyShortForm(tag, value) : value;
  };
  return toJson(doc.contents);
}

function scalarValue(node: Scalar, body: string): unknown {
  const value = node.value;
  if (typeof value === 'number' && node.type === Scalar.PLAIN && node.range) {
    const source = body.slice(node.range[0], node.range[1]).trim();
    if (/^[-+]?0[0-9]/.test(source)) return source;
  }
  return value;
}

function applyShortForm(tag: string, value: unknown): unknown {
  const key = SHORT_FORMS[tag];
  if (!key) return value; // standard tags (!!str, !!int) were applied by the schema; unknown ones are ignored
  if (key === 'Fn::GetAtt' && typeof value === 'string') {
    // `!GetAtt Db.Endpoint.Address` → ['Db', 'Endpoint.Address']: the logical id never contains a dot.
    const dot = value.indexOf('.');
    return { [key]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  if (key === 'Fn::GetAZs' && value === null) return { [key]: '' };
  return { [key]: value };
}
