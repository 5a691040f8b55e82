// Provisioned concurrency configs (on versions and aliases, never $LATEST), reserved concurrency read
// back, and the configuration fixes that came with them: UpdateFunctionCode's Architectures, a replaced
// LoggingConfig, and event source mapping tags.
// https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  GetFunctionConcurrencyCommand,
  GetProvisionedConcurrencyConfigCommand,
  type LambdaClient,
  ListProvisionedConcurrencyConfigsCommand,
  ListTagsCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient, zip } from './helpers.js';

const SOURCE = { 'index.js': 'exports.handler = async () => 1;' };

describe('Lambda provisioned concurrency and configuration', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
  });
  after(() => cloud.stop());

  it('allocates provisioned concurrency on a version and an alias: IN_PROGRESS, then READY', async () => {
    await createFunction(lambda, 'pc', SOURCE);
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: 'pc' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'pc', Name: 'live', FunctionVersion: Version }));
    const put = await lambda.send(
      new PutProvisionedConcurrencyConfigCommand({
        FunctionName: 'pc',
        Qualifier: 'live',
        ProvisionedConcurrentExecutions: 5,
      }),
    );
    assert.equal(put.Status, 'IN_PROGRESS');
    assert.equal(put.RequestedProvisionedConcurrentExecutions, 5);
    const got = await lambda.send(
      new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }),
    );
    assert.equal(got.Status, 'READY');
    assert.equal(got.AllocatedProvisionedConcurrentExecutions, 5);
    assert.equal(got.AvailableProvisionedConcurrentExecutions, 5);
    await lambda.send(
      new PutProvisionedConcurrencyConfigCommand({
        FunctionName: 'pc',
        Qualifier: Version,
        ProvisionedConcurrentExecutions: 2,
      }),
    );
    const listed = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'pc' }));
    assert.deepEqual(listed.ProvisionedConcurrencyConfigs?.map((c) => [c.FunctionArn, c.Status]).sort(), [
      ['arn:aws:lambda:us-east-1:000000000000:function:pc:1', 'READY'],
      ['arn:aws:lambda:us-east-1:000000000000:function:pc:live', 'READY'],
    ]);
    await lambda.send(
      new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }),
    );
    await assert.rejects(
      lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' })),
      { name: 'ProvisionedConcurrencyConfigNotFoundException' },
    );
  });

  it("refuses $LATEST with Lambda's message, and more than the reserved concurrency", async () => {
    await createFunction(lambda, 'pc-latest', SOURCE);
    await assert.rejects(
      lambda.send(
        new PutProvisionedConcurrencyConfigCommand({
          FunctionName: 'pc-latest',
          Qualifier: '$LATEST',
          ProvisionedConcurrentExecutions: 1,
        }),
      ),
      {
        name: 'InvalidParameterValueException',
        message: 'Provisioned Concurrency Configs cannot be applied to unpublished function versions.',
      },
    );
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: 'pc-latest' }));
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'pc-latest', ReservedConcurrentExecutions: 3 }),
    );
    const reserved = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'pc-latest' }));
    assert.equal(reserved.ReservedConcurrentExecutions, 3);
    await assert.rejects(
      lambda.send(
        new PutProvisionedConcurrencyConfigCommand({
          FunctionName: 'pc-latest',
          Qualifier: Version,
          ProvisionedConcurrentExecutions: 4,
        }),
      ),
      { name: 'InvalidParameterValueException' },
    );
  });

  it('changes the architecture with UpdateFunctionCode', async () => {
    await createFunction(lambda, 'arch', SOURCE);
    const updated = await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'arch', ZipFile: zip(SOURCE), Architectures: ['arm64'] }),
    );
    assert.deepEqual(updated.Architectures, ['arm64']);
  });

  it('replaces LoggingConfig as a whole (JSON brings INFO levels, Text drops them)', async () => {
    await createFunction(lambda, 'logs', SOURCE);
    const json = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'logs',
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', LogGroup: 'custom-group' },
      }),
    );
    assert.deepEqual(json.LoggingConfig, {
      LogFormat: 'JSON',
      LogGroup: 'custom-group',
      ApplicationLogLevel: 'DEBUG',
      SystemLogLevel: 'INFO',
    });
    const text = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'logs', LoggingConfig: { LogFormat: 'Text' } }),
    );
    assert.deepEqual(text.LoggingConfig, { LogFormat: 'Text', LogGroup: '/aws/lambda/logs' });
  });

  it('keeps event source mapping tags, read and changed through the tag operations', async () => {
    await createFunction(lambda, 'tagged-target', SOURCE);
    const sqs = sqsClient(cloud);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'tagged-source' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const mapping = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'tagged-target',
        EventSourceArn: Attributes!.QueueArn,
        Tags: { team: 'a' },
        Enabled: false,
      }),
    );
    const Resource = mapping.EventSourceMappingArn!;
    assert.deepEqual((await lambda.send(new ListTagsCommand({ Resource }))).Tags, { team: 'a' });
    await lambda.send(new TagResourceCommand({ Resource, Tags: { env: 'dev' } }));
    await lambda.send(new UntagResourceCommand({ Resource, TagKeys: ['team'] }));
    assert.deepEqual((await lambda.send(new ListTagsCommand({ Resource }))).Tags, { env: 'dev' });
  });
});
