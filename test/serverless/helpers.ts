// Shared helpers of the serverless.yml tests: fixture services copied to scratch directories, and the
// Framework itself (the open-source fork `osls`, a devDependency) run offline as the oracle.

import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../support/helpers.js';

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

/** `osls package` in `dir`; the compiled template it wrote. Packaging needs no network, except that the
 * Framework asks CloudFormation for the last deploy's layer hashes when a service has layers: `endpoint`
 * (a Nimbus) answers that, where real AWS would. */
export async function oslsPackage(
  dir: string,
  args: string[] = [],
  endpoint = 'http://127.0.0.1:9',
): Promise<Record<string, unknown>> {
  // Asynchronous: the Nimbus answering the Framework may run in this very process.
  const result = await runProcess(
    OSLS,
    ['package', ...args],
    {
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      AWS_REGION: '',
      AWS_DEFAULT_REGION: '',
      AWS_ENDPOINT_URL: endpoint,
    },
    120_000,
    dir,
  );
  if (result.code !== 0)
    throw new Error(`osls package failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(readFileSync(join(dir, '.serverless/cloudformation-template-update-stack.json'), 'utf8'));
}

/** A template with what differs between two packagings of the same service taken out: the artifact
 * directory's timestamp, the zips' hashes, and the version logical ids made of those hashes. */
export function normalizedTemplate(template: unknown): unknown {
  const text = JSON.stringify(template)
    .replace(/"serverless\/([^/"]+)\/([^/"]+)\/\d+-[^/"]+\//g, '"serverless/$1/$2/<time>/')
    .replace(/LambdaVersion[A-Za-z0-9]+/g, 'LambdaVersion<hash>')
    // REST API deployments are named by the deploy time (the Framework) or a digest (Nimbus).
    .replace(/ApiGatewayDeployment[A-Za-z0-9]+/g, 'ApiGatewayDeployment<id>')
    // Layers are named and reported by a SHA-1 of their zip.
    .replace(/(LambdaLayer|LambdaLayerPermission)[0-9a-f]{40}/g, '$1<sha1>')
    .replace(/"Value":"[0-9a-f]{40}"/g, '"Value":"<sha1>"')
    .replace(/"CodeSha256":"[^"]+"/g, '"CodeSha256":"<sha>"');
  return JSON.parse(text);
}
