// WebSocket selection expressions: `$request.body.action`, `${request.body.service}/${request.body.action}`,
// literal text, `\$default` for a literal `$`; a variable is evaluated once (no recursion) and the value
// stringified. Route selection reads the message's JSON body, API key selection a header or the
// authorizer's usage identifier, template selection the body or `integration.response.statuscode`.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html

export type Part = { readonly text: string } | { readonly variable: string };

/** The expression's literal text and variables, or undefined when it does not parse. */
export function parseSelection(expression: string): Part[] | undefined {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  while (i < expression.length) {
    const char = expression[i]!;
    if (char === '\\' && expression[i + 1] === '$') {
      text += '$';
      i += 2;
    } else if (char === '$' && expression[i + 1] === '{') {
      const end = expression.indexOf('}', i);
      if (end === -1) return undefined;
      if (text) parts.push({ text });
      text = '';
      parts.push({ variable: expression.slice(i + 2, end) });
      i = end + 1;
    } else if (char === '$' && /[A-Za-z]/.test(expression[i + 1] ?? '')) {
      // Unwrapped, a variable runs to the first character no JSON path or header name holds.
      const match = /^[A-Za-z0-9_.\-[\]'"*]+/.exec(expression.slice(i + 1))!;
      if (text) parts.push({ text });
      text = '';
      parts.push({ variable: match[0] });
      i += 1 + match[0].length;
    } else {
      text += char;
      i++;
    }
  }
  if (text) parts.push({ text });
  return parts;
}

/** The key the expression selects, or undefined when a variable has no value. */
export function evaluateSelection(
  expression: string,
  value: (variable: string) => string | undefined,
): string | undefined {
  const parts = parseSelection(expression);
  if (!parts) return undefined;
  let key = '';
  for (const part of parts) {
    if ('text' in part) key += part.text;
    else {
      const one = value(part.variable);
      if (one === undefined) return undefined;
      key += one;
    }
  }
  return key;
}

/** `request.body.<path>` against the message: its JSONPath's value as text, undefined if the body is not
 * JSON or lacks it. */
export function bodyValue(body: unknown, variable: string): string | undefined {
  if (!variable.startsWith('request.body')) return undefined;
  const value = jsonPath(body, `$${variable.slice('request.body'.length)}`);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The JSONPath subset selection expressions and `$input.path` use: `.member`, `['member']`, `[index]`. */
export function jsonPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  let current = value;
  for (const step of path
    .slice(1)
    .matchAll(/\.([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\]/g)) {
    const name = step[1] ?? step[2] ?? step[3];
    if (current === null || typeof current !== 'object') return undefined;
    if (name !== undefined) {
      if (!Object.hasOwn(current, name)) return undefined;
      current = (current as Record<string, unknown>)[name];
    } else {
      if (!Array.isArray(current)) return undefined;
      current = current[Number(step[4])];
    }
  }
  return current;
}

/** The message's body as JSON, or undefined (non-JSON messages go to `$default`). */
export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A key that is a `/regex/` (integration response keys, template selection): whether `value` matches. */
export function keyMatches(key: string, value: string): boolean {
  if (key.length < 2 || !key.startsWith('/') || !key.endsWith('/')) return key === value;
  try {
    return new RegExp(`^(?:${key.slice(1, -1)})$`).test(value);
  } catch {
    return false;
  }
}
