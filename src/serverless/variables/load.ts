// Finding and reading a service's configuration file (serverless.yml, .yaml or .json, or a module: serverless.js,
// .cjs, .mjs or .ts, whose export — or the promise it exports — is the configuration), and the YAML reading that
// `${file(...)}` shares. https://www.serverless.com/framework/docs/providers/aws/guide/services
//
// YAML goes through the CloudFormation reader (short tags such as `!GetAtt` become their long forms, as the
// Framework's own schema does), plus YAML merge keys (`<<: *defaults`), which serverless.yml files use widely.

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readYaml } from '../../services/cloudformation/template/yaml.js';
import { ServerlessVariableError } from './errors.js';

/** The names the Framework looks for, in its order. */
const CANDIDATES = ['yml', 'yaml', 'json', 'js', 'mjs', 'cjs', 'ts'].map((ext) => `serverless.${ext}`);
const SCRIPTED = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts']);

/** Reads the service file (`configFile`, relative to the service directory, or the first serverless.* found). */
export async function loadServiceFile(
  serviceDir: string,
  configFile?: string,
): Promise<{ path: string; raw: Record<string, unknown> }> {
  const path = configFile
    ? resolve(serviceDir, configFile)
    : CANDIDATES.map((name) => resolve(serviceDir, name)).find((candidate) => existsSync(candidate));
  if (!path) {
    throw new ServerlessVariableError(
      `No serverless.yml, serverless.yaml or serverless.json found in "${serviceDir}"`,
    );
  }
  const name = basename(path);
  const ext = extname(path);
  if (SCRIPTED.has(ext)) {
    if (!existsSync(path)) throw new ServerlessVariableError(`Cannot load "${name}": File not found`);
    return { path, raw: plainObject(await loadModule(path, name), name) };
  }
  if (ext !== '.yml' && ext !== '.yaml' && ext !== '.json') {
    throw new ServerlessVariableError(`Cannot parse "${name}": Unsupported file extension`);
  }
  let body: string;
  try {
    body = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'File not found' : (error as Error).message;
    throw new ServerlessVariableError(`Cannot parse "${name}": ${reason}`);
  }
  return { path, raw: plainObject(ext === '.json' ? parseJson(body, name) : parseYaml(body, name), name) };
}

function plainObject(raw: unknown, name: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ServerlessVariableError(`Invalid configuration at "${name}": Plain object expected`);
  }
  return raw as Record<string, unknown>;
}

/**
 * A configuration module's export, awaited: `require` for CommonJS (.js, .cjs), `import` for ES modules (.mjs,
 * and a .js that is one), and for TypeScript (.ts, .mts) its esbuild bundle (packages left to `require`),
 * written beside it for the moment it is loaded, since the Framework's TypeScript loader is not here. An
 * error is the Framework's `Initialization error`.
 */
async function loadModule(path: string, name: string): Promise<unknown> {
  const failed = (error: unknown) =>
    new ServerlessVariableError(
      `Cannot load "${name}": Initialization error: ${error instanceof Error && error.stack ? error.stack : error}`,
    );
  const ext = extname(path);
  if (ext === '.ts' || ext === '.mts') {
    const { buildSync } = await import('esbuild');
    const compiled = join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.cjs`);
    try {
      buildSync({
        entryPoints: [path],
        outfile: compiled,
        bundle: true,
        packages: 'external',
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        logLevel: 'silent',
      });
      const exported = createRequire(compiled)(compiled) as { default?: unknown };
      return await (exported && typeof exported === 'object' && 'default' in exported
        ? exported.default
        : exported);
    } catch (error) {
      throw failed(error);
    } finally {
      rmSync(compiled, { force: true });
    }
  }
  // Loaded afresh every time (a `--watch` redeploy reads the edited file): out of require's cache, and
  // imported under a new URL.
  const fresh = () => import(`${pathToFileURL(path).href}?load=${randomUUID()}`);
  try {
    if (ext === '.mjs') return await (await fresh()).default;
    const require = createRequire(path);
    try {
      return await require(path);
    } catch (error) {
      // A .js file in a `"type": "module"` package is an ES module.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
      return await (await fresh()).default;
    } finally {
      delete require.cache[path];
    }
  } catch (error) {
    throw failed(error);
  }
}

/** YAML as serverless.yml reads it; errors worded `Cannot parse "<name>": ...`. */
export function parseYaml(body: string, name: string): unknown {
  try {
    return applyMergeKeys(readYaml(body));
  } catch (error) {
    const message = (error as Error).message.replace(/^Template format error: /, '');
    throw new ServerlessVariableError(`Cannot parse "${name}": ${message}`);
  }
}

export function parseJson(body: string, name: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new ServerlessVariableError(
      `Cannot parse "${name}": JSON parse error: ${(error as Error).message}`,
    );
  }
}

/** YAML 1.1 merge keys: `<<` takes a mapping or a list of them; keys written beside it, then earlier maps, win. */
export function applyMergeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(applyMergeKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, inner]): [string, unknown] => [
    key,
    applyMergeKeys(inner),
  ]);
  const merge = entries.find(([key]) => key === '<<')?.[1];
  const mergeable = (item: unknown) => typeof item === 'object' && item !== null && !Array.isArray(item);
  const sources = Array.isArray(merge) ? merge : [merge];
  if (!sources.every(mergeable)) return Object.fromEntries(entries);
  const out: Record<string, unknown> = {};
  for (const source of [...sources].reverse()) Object.assign(out, source);
  for (const [key, inner] of entries) if (key !== '<<') out[key] = inner;
  return out;
}
