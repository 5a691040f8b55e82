// Shared helpers of the serverless.yml tests: fixture services copied to scratch directories, and the
// Framework itself (the open-source fork `osls`, a devDependency) run offline as the oracle.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../../test/serverless/fixtures/', import.meta.url));
const OSLS = fileURLToPath(new URL('../../../node_modules/.bin/osls', import.meta.url));

/** A fixture service copied into a fresh directory (so `.serverless/` never lands in the tree). */
export function copyFixture(group: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nimbus-sls-${name}-`));
  cpSync(join(FIXTURES, group, name), dir, { recursive: true });
  return dir;
}

export function oslsAvailable(): boolean {
  return existsSync(OSLS);
}

/** `osls package` in `dir` (no network: packaging needs none); the compiled template it wrote. */
export function oslsPackage(dir: string, args: string[] = []): Record<string, unknown> {
  const result = spawnSync(OSLS, ['package', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: '',
      AWS_DEFAULT_REGION: '',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    },
  });
  if (result.status !== 0)
    throw new Error(`osls package failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(readFileSync(join(dir, '.serverless/cloudformation-template-update-stack.json'), 'utf8'));
}

/** A template with what differs between two packagings of the same service taken out: the artifact
 * directory's timestamp, the zips' hashes, and the version logical ids made of those hashes. */
export function normalizedTemplate(template: unknown): unknown {
  const text = JSON.stringify(template)
    .replace(/"serverless\/([^/"]+)\/([^/"]+)\/\d+-[^/"]+\//g, '"serverless/$1/$2/<time>/')
    .replace(/LambdaVersion[A-Za-z0-9]+/g, 'LambdaVersion<hash>')
    .replace(/"CodeSha256":"[^"]+"/g, '"CodeSha256":"<sha>"');
  return JSON.parse(text);
}
