// The `nimbus` command's help and usage errors: help on stdout with exit 0 for every command, mistakes on
// stderr with exit 2 and the usage that would have been right.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NIMBUS_CLI, runProcess } from '../support/helpers.js';

const nimbus = (...args: string[]) => runProcess(process.execPath, [NIMBUS_CLI, ...args], {}, 20_000);

describe('nimbus help', () => {
  for (const args of [['help'], ['--help'], ['-h'], []]) {
    it(`prints the commands on stdout for 'nimbus ${args.join(' ')}'`, async () => {
      const result = await nimbus(...args);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      for (const command of ['start', 'logs', 'invoke', 'version', 'help']) {
        assert.match(result.stdout, new RegExp(`^  ${command} `, 'm'));
      }
      assert.match(result.stdout, /npx nimbus/);
    });
  }

  for (const command of ['start', 'logs', 'invoke', 'version']) {
    it(`prints ${command}'s usage for 'nimbus ${command} --help' and 'nimbus help ${command}'`, async () => {
      for (const args of [
        [command, '--help'],
        ['help', command],
      ]) {
        const result = await nimbus(...args);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stderr, '');
        assert.match(result.stdout, new RegExp(`^Usage: nimbus ${command}`));
      }
    });
  }

  it("shows start's options, the deprecated-runtime switch among them", async () => {
    const result = await nimbus('start', '--help');
    for (const option of [
      '--port',
      '--host',
      '--data-dir',
      '--in-memory',
      '--allow-unsigned',
      '--allow-deprecated-runtimes',
    ]) {
      assert.ok(result.stdout.includes(option), option);
    }
  });

  it('answers an unknown option or command on stderr with exit 2 and the right usage', async () => {
    const option = await nimbus('start', '--prot', '1');
    assert.equal(option.code, 2);
    assert.equal(option.stdout, '');
    assert.match(option.stderr, /Unknown option '--prot'/);
    assert.match(option.stderr, /Usage: nimbus start/);
    const command = await nimbus('frobnicate');
    assert.equal(command.code, 2);
    assert.match(command.stderr, /Unknown command: frobnicate/);
    const port = await nimbus('start', '--port', 'eighty');
    assert.equal(port.code, 2);
    assert.match(port.stderr, /Invalid --port: eighty/);
    const noFunction = await nimbus('invoke');
    assert.equal(noFunction.code, 2);
    assert.match(noFunction.stderr, /name the function/);
  });

  it('prints the version for version and --version', async () => {
    for (const args of [['version'], ['--version']]) {
      const result = await nimbus(...args);
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
    }
  });
});
