// A resolver's or function's handler as serverless-appsync-plugin v2 inlines it: JavaScript code bundled
// with esbuild (ESM, `@aws-appsync/utils` left external, unless `esbuild: false`), VTL mapping templates
// read as they are; `substitutions` (`#name#` in code, `${name}` in templates) turned into an Fn::Join
// whose parts are Fn::Sub of each value, so a value may be an intrinsic function.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/resolvers.md#bundling
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/substitutions.md

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, buildSync } from 'esbuild';
import { isObject, type Json, type JsonObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import type { AppSyncConfig } from './config.js';

/** The code of a `code:` file: bundled, then substituted. */
export function jsCode(
  config: AppSyncConfig,
  serviceDir: string,
  file: string,
  substitutions: Json | undefined,
): Json {
  const path = join(serviceDir, file);
  if (!existsSync(path))
    throw new ServerlessError(`The resolver handler file '${path}' does not exist`, 'APPSYNC_CODE_NOT_FOUND');
  const esbuild = config.block.esbuild;
  const source =
    esbuild === false ? readFileSync(path, 'utf8') : bundle(path, isObject(esbuild) ? esbuild : {});
  return substituted(source, /#([\w\d-_]+)#/g, (name) => `#${name}#`, {
    ...config.substitutions,
    ...objectOf(substitutions),
  });
}

/** A VTL `request:` or `response:` file, substituted. */
export function mappingTemplate(
  config: AppSyncConfig,
  serviceDir: string,
  file: string,
  substitutions: Json | undefined,
): Json {
  const path = join(serviceDir, file);
  if (!existsSync(path))
    throw new ServerlessError(`Mapping template file '${path}' does not exist`, 'APPSYNC_TEMPLATE_NOT_FOUND');
  return substituted(readFileSync(path, 'utf8'), /\$\{([\w\d-_]+)\}/g, (name) => `\${${name}}`, {
    ...config.substitutions,
    ...objectOf(substitutions),
  });
}

function bundle(path: string, options: JsonObject): string {
  let result: ReturnType<typeof buildSync>;
  try {
    result = build(path, options);
  } catch (error) {
    const first = (error as { errors?: { text: string }[] }).errors?.[0]?.text ?? (error as Error).message;
    throw new ServerlessError(
      `Failed to compile resolver handler file '${path}': ${first}`,
      'APPSYNC_CODE_BUILD_FAILED',
    );
  }
  const output = result.outputFiles?.[0];
  if (!output)
    throw new ServerlessError(
      `Failed to compile resolver handler file '${path}': No output files`,
      'APPSYNC_CODE_BUILD_FAILED',
    );
  return output.text;
}

function build(path: string, options: JsonObject) {
  return buildSync({
    target: 'esnext',
    sourcemap: 'inline',
    sourcesContent: false,
    treeShaking: true,
    ...(options as BuildOptions),
    // What the plugin fixes whatever the options say.
    platform: 'node',
    format: 'esm',
    entryPoints: [path],
    bundle: true,
    write: false,
    external: ['@aws-appsync/utils', '@aws-appsync/utils/ai'],
    logLevel: 'silent',
  });
}

/** The text, or (when it names any of the substitutions) an Fn::Join of its pieces with each named value
 * as `{ "Fn::Sub": ["${name}", { name: value }] }`. */
function substituted(
  text: string,
  syntax: RegExp,
  placeholder: (name: string) => string,
  substitutions: JsonObject,
): Json {
  const used = new Set(
    [...text.matchAll(syntax)].map((match) => match[1]!).filter((name) => name in substitutions),
  );
  if (used.size === 0) return text;
  const pieces: Json[] = [];
  let rest = text;
  while (rest.length > 0) {
    let next: { index: number; name: string } | undefined;
    for (const name of used) {
      const index = rest.indexOf(placeholder(name));
      if (index !== -1 && (next === undefined || index < next.index)) next = { index, name };
    }
    if (!next) {
      pieces.push(rest);
      break;
    }
    if (next.index > 0) pieces.push(rest.slice(0, next.index));
    pieces.push({ 'Fn::Sub': [`\${${next.name}}`, { [next.name]: substitutions[next.name]! }] });
    rest = rest.slice(next.index + placeholder(next.name).length);
  }
  return { 'Fn::Join': ['', pieces] };
}

function objectOf(value: Json | undefined): JsonObject {
  return isObject(value) ? value : {};
}
