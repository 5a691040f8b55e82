// Packaging as the Framework packages (osls lib/plugins/package/lib/package-service.js): symlinked
// directories followed and dangling links skipped, devDependencies left out after the patterns, and with a
// bundler plugin only the Node.js functions bundled.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { packageServiceDirectory } from '../../src/serverless/index.js';

const dirs: string[] = [];

function service(files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-package-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    symlinkSync(target, join(dir, path));
  }
  return dir;
}

async function zipEntries(dir: string, fileName: string): Promise<string[]> {
  await packageServiceDirectory({ serviceDir: dir, options: {}, env: {} });
  return Object.keys(unzipSync(readFileSync(join(dir, '.serverless', fileName)))).sort();
}

describe('packaging a service', () => {
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('follows symlinked directories and skips dangling links', async () => {
    const dir = service(
      {
        'serverless.yml':
          'service: linked\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: handler.a\n',
        'handler.js': 'exports.a = async () => 1;',
        'lib/util.js': 'exports.x = 1;',
      },
      { 'node_modules/shared': '../lib', '.#serverless.yml': 'nobody@host.1234' },
    );
    assert.deepEqual(await zipEntries(dir, 'linked.zip'), [
      'handler.js',
      'lib/util.js',
      'node_modules/shared/util.js',
    ]);
  });

  it('leaves devDependencies out even when the patterns include node_modules', async () => {
    const dir = service({
      'serverless.yml':
        "service: devdeps\nprovider:\n  name: aws\npackage:\n  patterns: ['!**', 'handler.js', 'node_modules/**']\nfunctions:\n  a:\n    handler: handler.a\n",
      'handler.js': 'exports.a = async () => 1;',
      'package.json': JSON.stringify({ dependencies: { used: '1' }, devDependencies: { typescript: '5' } }),
      'node_modules/used/index.js': 'module.exports = 1;',
      'node_modules/typescript/index.js': 'module.exports = 2;',
    });
    assert.deepEqual(await zipEntries(dir, 'devdeps.zip'), ['handler.js', 'node_modules/used/index.js']);
  });

  it('bundles only the Node.js functions of a serverless-esbuild service', async () => {
    const dir = service({
      'serverless.yml':
        'service: mixed\nplugins: [serverless-esbuild]\nprovider:\n  name: aws\n  runtime: nodejs22.x\npackage:\n  individually: true\nfunctions:\n  node:\n    handler: src/node.handler\n  python:\n    handler: app.main\n    runtime: python3.12\n',
      'src/node.ts': "import { helper } from './helper';\nexport const handler = async () => helper();",
      'src/helper.ts': 'export const helper = () => 42;',
      'app.py': 'def main(event, context):\n    return 1\n',
    });
    assert.deepEqual(await zipEntries(dir, 'node.zip'), ['src/node.js']);
    assert.ok((await zipEntries(dir, 'python.zip')).includes('app.py'));
  });
});
