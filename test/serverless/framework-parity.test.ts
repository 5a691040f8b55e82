// The template Nimbus compiles from a serverless.yml equals the Framework's own for the same service:
// each fixture under fixtures/parity is packaged by `osls package` (the Framework's open-source fork, run
// offline) and by Nimbus, and the two templates compared once the packaging time and zip hashes are
// taken out.

import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { packageServiceDirectory } from '../../src/serverless/index.js';
import { startTestCloud } from '../support/helpers.js';
import { copyFixture, FIXTURES, normalizedTemplate, oslsAvailable, oslsPackage } from './helpers.js';

const SERVICES = readdirSync(join(FIXTURES, 'parity')).sort();

describe('serverless.yml compiles to the Framework template', { concurrency: 2 }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());
  for (const name of SERVICES) {
    it(`${name}: the same resources, properties and outputs as osls package`, {
      skip: !oslsAvailable() && 'osls is not installed',
    }, async () => {
      const frameworkDir = copyFixture('parity', name);
      const nimbusDir = copyFixture('parity', name);
      try {
        const expected = await oslsPackage(frameworkDir, [], cloud.endpoint);
        const { built } = await packageServiceDirectory({ serviceDir: nimbusDir, options: {}, env: {} });
        assert.deepEqual(normalizedTemplate(built.template), normalizedTemplate(expected));
      } finally {
        rmSync(frameworkDir, { recursive: true, force: true });
        rmSync(nimbusDir, { recursive: true, force: true });
      }
    });
  }
});
