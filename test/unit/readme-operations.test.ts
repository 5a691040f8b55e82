// Each service README lists the operations of AWS's model that the service serves and those it does not,
// between `<!-- model-operations -->` markers; this test keeps those lists true. Run with
// UPDATE_READMES=1 to rewrite them after serving a new operation.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ServiceDefinition } from '../../src/core/service.js';
import { cloudFormationService } from '../../src/services/cloudformation/index.js';
import { cloudWatchLogsService } from '../../src/services/cloudwatch-logs/index.js';
import { cognitoIdentityService } from '../../src/services/cognito-identity/index.js';
import { cognitoIdpService } from '../../src/services/cognito-idp/index.js';
import { dynamodbService } from '../../src/services/dynamodb/index.js';
import { dynamodbStreamsService } from '../../src/services/dynamodb/streams/index.js';
import { eventBridgeService } from '../../src/services/eventbridge/index.js';
import { firehoseService } from '../../src/services/firehose/index.js';
import { iamService } from '../../src/services/iam/index.js';
import { kinesisService } from '../../src/services/kinesis/index.js';
import { lambdaService } from '../../src/services/lambda/index.js';
import { secretsManagerService } from '../../src/services/secrets-manager/index.js';
import { snsService } from '../../src/services/sns/index.js';
import { sqsService } from '../../src/services/sqs/index.js';
import { ssmService } from '../../src/services/ssm/index.js';
import { stsService } from '../../src/services/sts/index.js';

const ROOT = join(fileURLToPath(import.meta.url), '../../../..');
const BEGIN = '<!-- model-operations -->';
const END = '<!-- /model-operations -->';

/** README folder, and the services whose operations it lists. */
const READMES: [string, ServiceDefinition[]][] = [
  ['sqs', [sqsService]],
  ['sns', [snsService]],
  ['dynamodb', [dynamodbService, dynamodbStreamsService]],
  ['lambda', [lambdaService]],
  ['eventbridge', [eventBridgeService]],
  ['cloudwatch-logs', [cloudWatchLogsService]],
  ['iam', [iamService]],
  ['sts', [stsService]],
  ['cloudformation', [cloudFormationService]],
  ['secrets-manager', [secretsManagerService]],
  ['ssm', [ssmService]],
  ['kinesis', [kinesisService]],
  ['firehose', [firehoseService]],
  ['cognito-idp', [cognitoIdpService]],
  ['cognito-identity', [cognitoIdentityService]],
];

function section(definitions: ServiceDefinition[]): string {
  const lines = [BEGIN, '## Operations of the AWS model', ''];
  lines.push(
    'Generated from the service model (`src/core/generated/`); `UPDATE_READMES=1 npm test` rewrites it.',
  );
  for (const definition of definitions) {
    const modelled = Object.keys(definition.model?.operations ?? {}).sort();
    const served = modelled.filter((name) => Object.hasOwn(definition.operations, name));
    const unserved = modelled.filter((name) => !Object.hasOwn(definition.operations, name));
    const title = definitions.length > 1 ? ` (${definition.name})` : '';
    lines.push(
      '',
      `Served${title}, ${served.length} of ${modelled.length}: ${served.map((n) => `\`${n}\``).join(', ')}.`,
    );
    if (unserved.length > 0) {
      lines.push(
        '',
        `Not served yet${title} (answered \`UnknownOperationException\` / \`InvalidAction\`, "not implemented by Nimbus yet"): ${unserved.map((n) => `\`${n}\``).join(', ')}.`,
      );
    }
  }
  lines.push(END);
  return lines.join('\n');
}

describe('service READMEs', () => {
  for (const [folder, definitions] of READMES) {
    it(`${folder}: lists the model's operations it serves and those it does not`, () => {
      const path = join(ROOT, 'src/services', folder, 'README.md');
      let text = '';
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = `# ${folder}\n`;
      }
      const expected = section(definitions);
      const begin = text.indexOf(BEGIN);
      const end = text.indexOf(END);
      const current = begin === -1 || end === -1 ? undefined : text.slice(begin, end + END.length);
      if (process.env.UPDATE_READMES) {
        const next =
          current === undefined ? `${text.trimEnd()}\n\n${expected}\n` : text.replace(current, expected);
        writeFileSync(path, next);
        return;
      }
      assert.equal(current, expected, `${path} is out of date: run UPDATE_READMES=1 npm test`);
    });
  }
});
