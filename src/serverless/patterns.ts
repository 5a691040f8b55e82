// `package.patterns`: globs applied in order over the service's files, `!` excluding and the others
// (re-)including, as the Framework applies them. The glob dialect is micromatch's core: `**` across
// directories, `*` and `?` within a name, `{a,b}` alternatives and `[...]` classes; dot files match.
// https://www.serverless.com/framework/docs/providers/aws/guide/packaging#patterns

/** Which of `files` (service-relative, `/`-separated) remain after the patterns. */
export function applyPatterns(files: readonly string[], patterns: readonly string[]): string[] {
  const compiled = patterns.map((pattern) => {
    const exclude = pattern.startsWith('!');
    return { exclude, test: globRegExp(exclude ? pattern.slice(1) : pattern) };
  });
  return files.filter((file) => {
    let included = true;
    for (const { exclude, test } of compiled) if (test.test(file)) included = !exclude;
    return included;
  });
}

/** A glob as an anchored regular expression. A pattern naming a directory (`node_modules/aws-sdk/**`)
 * matches everything under it. */
export function globRegExp(glob: string): RegExp {
  let source = '';
  const text = glob.replace(/^\.\//, '');
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '*') {
      if (text[i + 1] === '*') {
        const slashAfter = text[i + 2] === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '{') {
      const end = text.indexOf('}', i);
      if (end === -1) source += '\\{';
      else {
        const options = text.slice(i + 1, end).split(',');
        source += `(?:${options.map((option) => globRegExp(option).source.slice(1, -1)).join('|')})`;
        i = end;
      }
    } else if (char === '[') {
      const end = text.indexOf(']', i);
      if (end === -1) source += '\\[';
      else {
        source += `[${text.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else source += char.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
