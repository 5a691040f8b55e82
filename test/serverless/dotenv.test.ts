// `useDotenv: true` loads `.env.<stage>` (or `.env` when that file is missing) for `${env:…}`, expanding
// references and never replacing a variable the environment already has, as the Framework v3 documents:
// https://www.serverless.com/framework/docs/environment-variables
/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: serverless.yml variables are written ${source:address} */

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadService } from '../../src/serverless/index.js';

describe('useDotenv', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nimbus-dotenv-'));
    writeFileSync(join(dir, '.env'), 'TABLE=orders-local\nPREFIX=app\nNAME=${PREFIX}-orders\n');
    writeFileSync(join(dir, '.env.prod'), 'TABLE=orders-prod\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const service = (useDotenv: boolean) =>
    writeFileSync(
      join(dir, 'serverless.yml'),
      [
        'service: dotenv',
        ...(useDotenv ? ['useDotenv: true'] : []),
        'provider:',
        '  name: aws',
        "  stage: ${opt:stage, 'dev'}",
        '  environment:',
        "    TABLE: ${env:TABLE, 'unset'}",
        "    NAME: ${env:NAME, 'unset'}",
        "    KEPT: ${env:KEPT, 'unset'}",
        '',
      ].join('\n'),
    );
  const environment = async (stage: string | undefined, env: Record<string, string> = {}) => {
    const loaded = await loadService({ serviceDir: dir, options: stage ? { stage } : {}, env });
    return (loaded.config.provider as { environment: Record<string, string> }).environment;
  };

  it('reads .env for a stage without its own file, with references expanded', async () => {
    service(true);
    assert.deepEqual(await environment(undefined), {
      TABLE: 'orders-local',
      NAME: 'app-orders',
      KEPT: 'unset',
    });
  });

  it('reads only .env.<stage> when that file exists', async () => {
    service(true);
    assert.deepEqual(await environment('prod'), { TABLE: 'orders-prod', NAME: 'unset', KEPT: 'unset' });
  });

  it('never replaces a variable the environment already has', async () => {
    service(true);
    assert.deepEqual(await environment('dev', { TABLE: 'from-shell', KEPT: 'yes' }), {
      TABLE: 'from-shell',
      NAME: 'app-orders',
      KEPT: 'yes',
    });
  });

  it('loads nothing without useDotenv', async () => {
    service(false);
    assert.deepEqual(await environment('dev'), { TABLE: 'unset', NAME: 'unset', KEPT: 'unset' });
  });
});
