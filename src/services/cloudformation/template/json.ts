// Reads a JSON template, and when it does not parse, finds the line and column of the first error (V8's messages
// do not always carry a position) for CloudFormation's "JSON not well-formed. (line 1, column 12)".

import { formatError } from './errors.js';

export function readJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    const offset = firstErrorOffset(body);
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw formatError(`JSON not well-formed. (line ${line}, column ${column})`);
  }
}

/** The offset at which a strict JSON reader first fails (body.length when the text ends early). */
function firstErrorOffset(text: string): number {
  let at = 0;
  class Stop extends Error {}
  const stop = (): never => {
    throw new Stop();
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[at] !== char) stop();
      at++;
    }
  };
  const string = () => {
    at++; // opening quote
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) stop();
      if (text[at] === '\\') {
        at++;
        if (text[at] === 'u') {
          for (let i = 1; i <= 4; i++) {
            if (!/[0-9a-fA-F]/.test(text[at + i] ?? '')) {
              at += i;
              stop();
            }
          }
          at += 4;
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) stop();
      }
      at++;
    }
    if (at >= text.length) stop();
    at++;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') return void at++;
      for (;;) {
        space();
        if (text[at] !== '"') stop();
        string();
        space();
        if (text[at] !== ':') stop();
        at++;
        value();
        space();
        if (text[at] === ',') at++;
        else if (text[at] === '}') return void at++;
        else stop();
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text[at] === ']') return void at++;
      for (;;) {
        value();
        space();
        if (text[at] === ',') at++;
        else if (text[at] === ']') return void at++;
        else stop();
      }
    }
    if (char === '"') {
      string();
      return;
    }
    if (char === 't') {
      literal('true');
      return;
    }
    if (char === 'f') {
      literal('false');
      return;
    }
    if (char === 'n') {
      literal('null');
      return;
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(at));
    if (!number) stop();
    at += number![0].length;
  };
  try {
    value();
    space();
    if (at < text.length) stop();
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return Math.min(at, text.length);
}
