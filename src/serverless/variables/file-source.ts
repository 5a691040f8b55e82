// The `${file(path):address}` variable source: YAML, JSON (and .tfstate), JavaScript modules, or any other file as
// text, relative to the service directory. https://www.serverless.com/framework/docs/guides/variables/file
// https://www.serverless.com/framework/docs/guides/variables/javascript
//
// A JavaScript file may export a value, a promise, or a function (sync or async) called with
// `{ options, resolveConfigurationProperty, resolveVariable }`; so may a property reached through the address.
// Variables inside the file's content are resolved by the resolver afterwards, in the main configuration's context.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Blocked, ResolutionError, SourceError } from './errors.js';
import type { VariableSources } from './index.js';
import { parseJson, parseYaml } from './load.js';
import type { SourceCall, SourceResolver } from './resolver.js';
import { short } from './sources.js';

export function fileSource(serviceDir: string, options: VariableSources['options']): SourceResolver {
  return async (call) => {
    const target = call.params?.[0];
    if (!target) throw new SourceError('Missing path argument in variable "file" source');
    if (typeof target === 'object') {
      throw new SourceError(`Non-string path argument in variable "file" source: ${short(target)}`);
    }
    const path = resolve(serviceDir, String(target));
    const { address } = call;
    if (typeof address === 'object' && address !== null) {
      throw new SourceError(`Non-string address argument for variable "file" source: ${short(address)}`);
    }
    const argument = {
      options,
      resolveConfigurationProperty: call.resolveProperty,
      resolveVariable: call.resolveVariable,
    };
    const loaded = await load(path, relative(serviceDir, path), argument);
    if (address == null || address === '') return loaded.content;
    return walk(loaded, String(address), basename(path), call, argument);
  };
}

interface Loaded {
  content: unknown;
  /** Whether a function exported by the module was already called (a second one in the address is not). */
  called: boolean;
}

async function load(path: string, name: string, argument: object): Promise<Loaded> {
  const ext = extname(path);
  if (ext === '.js' || ext === '.cjs' || ext === '.mjs') return loadModule(path, name, argument);
  const body = await read(path, name);
  if (body === null) return { content: null, called: false };
  if (ext === '.yml' || ext === '.yaml') return { content: parseYaml(body, name), called: false };
  if (ext === '.json' || ext === '.tfstate') return { content: parseJson(body, name), called: false };
  return { content: body, called: false };
}

async function read(path: string, name: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SourceError(`Cannot parse "${name}": ${(error as Error).message}`);
  }
}

async function loadModule(path: string, name: string, argument: object): Promise<Loaded> {
  if (!existsSync(path)) return { content: null, called: false };
  let exported: unknown;
  try {
    // import() reads CommonJS (module.exports lands on `default`) and ES modules alike.
    const namespace = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    exported = 'default' in namespace ? namespace.default : { ...namespace };
  } catch (error) {
    throw new SourceError(`Cannot load "${name}": Initialization error: ${stackOf(error)}`);
  }
  if (typeof exported === 'function') {
    try {
      return { content: await exported(argument), called: true };
    } catch (error) {
      throw (
        passThrough(error) ??
        new SourceError(
          `Cannot resolve "${basename(path)}": Returned JS function errored with: ${stackOf(error)}`,
        )
      );
    }
  }
  try {
    return { content: await exported, called: false };
  } catch (error) {
    throw new SourceError(`Cannot resolve "${basename(path)}": Received rejection: ${stackOf(error)}`);
  }
}

/** Follows `a.b.c` into the content; strings met on the way have their variables resolved first. */
async function walk(
  loaded: Loaded,
  address: string,
  fileName: string,
  call: SourceCall,
  argument: object,
): Promise<unknown> {
  let result = loaded.content;
  let called = loaded.called;
  for (const key of address.split('.')) {
    if (typeof result === 'string') result = await call.resolveVariablesInString(result);
    if (result == null || !Object.hasOwn(Object(result), key)) return null;
    result = (result as Record<string, unknown>)[key];
    if (result == null) return null;
    if (called) continue;
    const failure = `Cannot resolve "${address}" out of "${fileName}": Received rejection: `;
    if (typeof result === 'function') {
      called = true;
      try {
        result = await result(argument);
      } catch (error) {
        throw passThrough(error) ?? new SourceError(failure + stackOf(error));
      }
    } else {
      try {
        result = await result;
      } catch (error) {
        throw new SourceError(failure + stackOf(error));
      }
      if (result == null) return null;
    }
  }
  return result;
}

/** A variable the function asked for that could not resolve is reported as itself, not as the function's error. */
function passThrough(error: unknown): Error | undefined {
  return error instanceof Blocked || error instanceof ResolutionError ? error : undefined;
}

function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : String(error);
}
