// Finding and reading a service's configuration file (serverless.yml, .yaml or .json), and the YAML reading that
// `${file(...)}` shares. https://www.serverless.com/framework/docs/providers/aws/guide/services
//
// YAML goes through the CloudFormation reader (short tags such as `!GetAtt` become their long forms, as the
// Framework's own schema does), plus YAML merge keys (`<<: *defaults`), which serverless.yml files use widely.

import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { readYaml } from '../../services/cloudformation/template/yaml.js';
import { ServerlessVariableError } from './errors.js';

/** The names the Framework looks for, in its order. */
const CANDIDATES = ['yml', 'yaml', 'json', 'js', 'mjs', 'cjs', 'ts'].map((ext) => `serverless.${ext}`);
const SCRIPTED = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts']);

/** Reads the service file (`configFile`, relative to the service directory, or the first serverless.* found). */
export function loadServiceFile(
  serviceDir: string,
  configFile?: string,
): { path: string; raw: Record<string, unknown> } {
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
    throw new ServerlessVariableError(
      `Cannot load "${name}": service configurations written in JavaScript or TypeScript are not supported; ` +
        'write serverless.yml (or serverless.json) instead',
    );
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
  const raw = ext === '.json' ? parseJson(body, name) : parseYaml(body, name);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ServerlessVariableError(`Invalid configuration at "${name}": Plain object expected`);
  }
  return { path, raw: raw as Record<string, unknown> };
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
