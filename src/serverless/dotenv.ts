// `useDotenv: true`: the variables of `.env.<stage>`, or of `.env` when there is no such file, expanded
// (`B=${A}x`) and added to the environment `${env:…}` reads, never replacing a variable already set — the
// Framework v3's rule. https://www.serverless.com/framework/docs/environment-variables

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { expand } from 'dotenv-expand';
import { ServerlessError } from './errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** `env` with the service's dotenv file's variables, when the raw configuration asks for them. */
export function withDotenv(raw: unknown, serviceDir: string, stage: string, env: Env): Env {
  if (!isRecord(raw) || raw.useDotenv !== true) return env;
  for (const name of [`.env.${stage}`, '.env']) {
    const path = join(serviceDir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ServerlessError(
        `Failed to load environment variables from "${path}": ${error}`,
        'DOTENV_LOAD_ERROR',
      );
    }
    const processEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(env)) if (value !== undefined) processEnv[key] = value;
    expand({ parsed: parse(text), processEnv });
    return processEnv;
  }
  return env;
}

/**
 * The stage the dotenv file is chosen by, known before variables are resolved: `--stage`, else
 * `provider.stage` when it is written plainly or as `${opt:stage, 'x'}` (the Framework resolves that one
 * property first), else `dev`.
 */
export function dotenvStage(raw: unknown, optionStage: unknown): string {
  if (typeof optionStage === 'string' && optionStage) return optionStage;
  const provider = isRecord(raw) && isRecord(raw.provider) ? raw.provider : {};
  const stage = provider.stage;
  if (typeof stage !== 'string') return 'dev';
  if (!stage.includes('${')) return stage;
  const fallback = /^\$\{opt:stage,\s*['"]([^'"]+)['"]\s*\}$/.exec(stage);
  return fallback ? fallback[1]! : 'dev';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
