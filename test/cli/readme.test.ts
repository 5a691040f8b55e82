// The README's shell blocks marked `<!-- checked: test/cli/readme.test.ts … -->` run as written against a
// Nimbus started as `npm start` starts it (defaults, from a scratch working directory), in order, in one
// shell, as a reader types them into one terminal. Only the port differs: the test takes a free one and
// puts it where the README says 4566.

import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { kill9, runProcess, startNimbusProcess } from '../support/helpers.js';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const MARKER = '<!-- checked: test/cli/readme.test.ts';

/** The shell blocks that follow a marker line. */
function checkedBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith(MARKER) || lines[i + 1] !== '```sh') continue;
    const end = lines.indexOf('```', i + 2);
    blocks.push(lines.slice(i + 2, end).join('\n'));
  }
  return blocks;
}

describe("the README's shell blocks", () => {
  let scratch: string;
  let nimbus: { child: ChildProcess; endpoint: string };
  const blocks = checkedBlocks(readFileSync(README, 'utf8'));

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'nimbus-readme-'));
    nimbus = await startNimbusProcess(undefined, { cwd: scratch });
  });
  after(async () => {
    await kill9(nimbus.child);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('finds the blocks it is meant to run', () => {
    assert.ok(blocks.length >= 2, `${blocks.length} marked blocks`);
  });

  it('runs them with exit 0, the first function answering', async () => {
    const script = blocks.join('\n').replaceAll('127.0.0.1:4566', new URL(nimbus.endpoint).host);
    const result = await runProcess('bash', ['-euo', 'pipefail', '-c', script], {}, 90_000, scratch);
    assert.equal(result.code, 0, `${script}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    const all = result.stdout;
    assert.match(all, /"QueueUrl": "http:\/\/127\.0\.0\.1:\d+\/000000000000\/jobs"/);
    assert.match(all, /"Account": "000000000000"/);
    assert.match(all, /\{"hello":"nimbus"\}/);
  });
});
