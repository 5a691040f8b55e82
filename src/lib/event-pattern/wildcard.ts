// The `wildcard` operator: `*` matches any run of characters, `\*` and `\\` stand for themselves
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching).

import { fail } from './errors.js';

/**
 * Validates a wildcard pattern and compiles it to an anchored RegExp. AWS rejects `**` (it would only cost
 * time) and any backslash not followed by `*` or `\`. Positions in the messages count the opening quote of
 * the JSON string, as event-ruler (which sees the quoted value) reports them.
 */
export function compileWildcard(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      const next = pattern[index + 1];
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${index + 1}`);
      source += escapeRegExp(next);
      index++;
    } else if (char === '*') {
      if (pattern[index + 1] === '*') fail(`Consecutive wildcard characters at pos ${index + 1}`);
      source += '[\\s\\S]*';
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
