// PutParameter and GetParameter(s) through the SDK: types, overwrite and versions, selectors, ARNs,
// SecureString reads, tiers and sizes, AllowedPattern, DataType, and AWS's naming rules with its errors.
// Expected answers: the API reference pages of PutParameter, GetParameter and GetParameters, and the
// user guide's naming constraints, cited at each test.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  GetParameterCommand,
  GetParametersCommand,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { Cloud } from '../../src/index.js';
import { rejectsWith, ssmCloud } from './helpers.js';

const ARN = 'arn:aws:ssm:us-east-1:000000000000:parameter';

describe('SSM parameters', () => {
  let cloud: Cloud;
  let ssm: SSMClient;
  before(async () => ({ cloud, ssm } = await ssmCloud()));
  after(() => cloud.stop());

  const put = (Name: string, Value: string, extra: Record<string, unknown> = {}) =>
    ssm.send(new PutParameterCommand({ Name, Value, Type: 'String', ...extra }));
  const get = async (Name: string, WithDecryption?: boolean) =>
    (await ssm.send(new GetParameterCommand({ Name, WithDecryption }))).Parameter!;

  it('creates a String parameter at version 1 on the Standard tier and reads it back with its ARN and date', async () => {
    const before = cloud.clock.now();
    assert.deepEqual(
      { ...(await put('/app/db/host', 'db.internal')), $metadata: undefined },
      { Version: 1, Tier: 'Standard', $metadata: undefined },
    );
    const parameter = await get('/app/db/host');
    assert.equal(parameter.Name, '/app/db/host');
    assert.equal(parameter.Type, 'String');
    assert.equal(parameter.Value, 'db.internal');
    assert.equal(parameter.Version, 1);
    assert.equal(parameter.DataType, 'text');
    assert.equal(parameter.ARN, `${ARN}/app/db/host`);
    assert.equal(parameter.Selector, undefined);
    assert.ok(Math.abs(parameter.LastModifiedDate!.getTime() - before) < 1000);
  });

  it('takes LastModifiedDate from the cloud clock', async () => {
    cloud.clock.advance(86_400_000);
    await put('/clock/one', 'v');
    const date = (await get('/clock/one')).LastModifiedDate!.getTime();
    assert.ok(Math.abs(date - cloud.clock.now()) < 1000);
    assert.ok(date > Date.now() + 86_000_000);
  });

  // "The parameter already exists. To overwrite this value, set the overwrite option in the request to
  // true." (API_PutParameter.html, Errors: ParameterAlreadyExists)
  it('refuses to replace a parameter without Overwrite, and with it writes version 2 keeping the type', async () => {
    await put('/app/flag', 'on');
    await rejectsWith(
      put('/app/flag', 'off'),
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    const { Version } = await ssm.send(
      new PutParameterCommand({ Name: '/app/flag', Value: 'off', Overwrite: true }),
    );
    assert.equal(Version, 2);
    const parameter = await get('/app/flag');
    assert.equal(parameter.Value, 'off');
    assert.equal(parameter.Type, 'String');
    assert.equal((await get('/app/flag:1')).Value, 'on');
  });

  it('reads a version with name:version and echoes the selector', async () => {
    await put('/sel/x', 'one');
    await put('/sel/x', 'two', { Overwrite: true });
    const first = await get('/sel/x:1');
    assert.equal(first.Value, 'one');
    assert.equal(first.Version, 1);
    assert.equal(first.Selector, ':1');
    assert.equal(first.Name, '/sel/x');
  });

  // "Systems Manager could not find version 9 of /sel/y. Verify the version and try again." (observed
  // wording, as moto reproduces it; API_GetParameter.html lists ParameterVersionNotFound)
  it('answers ParameterVersionNotFound for an unknown version and ParameterNotFound for an unknown name', async () => {
    await put('/sel/y', 'one');
    await rejectsWith(
      get('/sel/y:9'),
      'ParameterVersionNotFound',
      'Systems Manager could not find version 9 of /sel/y. Verify the version and try again.',
    );
    // AWS sends ParameterNotFound without a message; the SDK names that "UnknownError".
    await rejectsWith(get('/no/such/parameter'), 'ParameterNotFound', 'UnknownError');
    await rejectsWith(get('/sel/y:nolabel'), 'ParameterNotFound');
  });

  it('finds a parameter by its ARN, with or without a selector, but not by another account or region', async () => {
    await put('/arn/p', 'by-arn');
    await put('single', 'one-level');
    assert.equal((await get(`${ARN}/arn/p`)).Value, 'by-arn');
    assert.equal((await get(`${ARN}/arn/p:1`)).Selector, ':1');
    assert.equal((await get(`${ARN}/single`)).Value, 'one-level');
    await rejectsWith(get('arn:aws:ssm:us-east-1:111122223333:parameter/arn/p'), 'ParameterNotFound');
    await rejectsWith(get('arn:aws:ssm:eu-west-1:000000000000:parameter/arn/p'), 'ParameterNotFound');
  });

  it('treats a one-level name with and without its leading slash as one parameter (they share an ARN)', async () => {
    await put('/toplevel', 'a');
    assert.equal((await get('toplevel')).Value, 'a');
    assert.equal((await get('toplevel')).ARN, `${ARN}/toplevel`);
    await rejectsWith(put('toplevel', 'b'), 'ParameterAlreadyExists');
  });

  it('stores a StringList as its comma-separated text', async () => {
    await put('/list/regions', 'us-east-1,eu-west-1', { Type: 'StringList' });
    const parameter = await get('/list/regions');
    assert.equal(parameter.Type, 'StringList');
    assert.equal(parameter.Value, 'us-east-1,eu-west-1');
  });

  it('reads a SecureString as a deterministic opaque base64 ciphertext, and its plaintext WithDecryption', async () => {
    await put('/secure/token', 's3cr3t', { Type: 'SecureString' });
    const hidden = await get('/secure/token');
    assert.equal(hidden.Type, 'SecureString');
    assert.notEqual(hidden.Value, 's3cr3t');
    assert.match(hidden.Value!, /^AQICA[A-Za-z0-9+/]+=*$/);
    assert.ok(!Buffer.from(hidden.Value!, 'base64').toString('latin1').includes('s3cr3t'));
    assert.equal((await get('/secure/token')).Value, hidden.Value);
    assert.equal((await get('/secure/token', true)).Value, 's3cr3t');
    await put('/secure/token', 'other', { Overwrite: true });
    assert.notEqual((await get('/secure/token')).Value, hidden.Value);
  });

  // "A parameter type is required when you create a parameter." (observed; moto reproduces it)
  it('requires a Type to create, and rejects an unknown Type with the model enum message', async () => {
    await rejectsWith(
      ssm.send(new PutParameterCommand({ Name: '/typeless', Value: 'v' })),
      'ValidationException',
      'A parameter type is required when you create a parameter.',
    );
    await rejectsWith(
      put('/typed', 'v', { Type: 'Number' }),
      'ValidationException',
      "1 validation error detected: Value 'Number' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [String, StringList, SecureString]",
    );
  });

  it('rejects Tags together with Overwrite=true, as AWS does', async () => {
    await put('/tagged/over', 'v');
    await rejectsWith(
      put('/tagged/over', 'w', { Overwrite: true, Tags: [{ Key: 'a', Value: 'b' }] }),
      'ValidationException',
      /^Invalid request: tags and overwrite can't be used together\./,
    );
  });

  // Naming constraints: https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html#sysman-parameter-name-constraints
  it('refuses names prefixed with aws or ssm, and reserved /aws paths with AccessDeniedException', async () => {
    await rejectsWith(
      put('awsThing', 'v'),
      'ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
    );
    await rejectsWith(put('/SSM/x', 'v'), 'ValidationException', /can't be prefixed with "ssm"/);
    await rejectsWith(
      put('/aws/service/x', 'v'),
      'AccessDeniedException',
      'No access to reserved parameter name: /aws/service/x.',
    );
  });

  it('refuses names with other characters, hierarchies without a leading slash, and more than 15 levels', async () => {
    await rejectsWith(put('has space', 'v'), 'ValidationException', /sub-paths divided by slash symbol/);
    await rejectsWith(
      put('a/b', 'v'),
      'ValidationException',
      'Parameter name must be a fully qualified name.',
    );
    const fifteen = `/${Array.from({ length: 15 }, (_, i) => `l${i}`).join('/')}`;
    assert.equal((await put(fifteen, 'v')).Version, 1);
    await rejectsWith(
      put(`${fifteen}/l15`, 'v'),
      'HierarchyLevelLimitExceededException',
      /^A hierarchy can have a maximum of 15 levels\./,
    );
  });

  it('answers ParameterNotFound for public namespaces it does not serve', async () => {
    await rejectsWith(get('/aws/service/global-infrastructure/regions'), 'ParameterNotFound');
    await rejectsWith(
      get('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'),
      'ParameterNotFound',
    );
  });

  // Tier limits: https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html
  it('holds 4 KB on Standard, 8 KB on Advanced, and lets Intelligent-Tiering choose', async () => {
    const fourKb = 'x'.repeat(4096);
    const eightKb = 'x'.repeat(8192);
    assert.equal((await put('/size/standard', fourKb)).Tier, 'Standard');
    await rejectsWith(
      put('/size/too-big', `${fourKb}x`),
      'ValidationException',
      /^Standard tier parameters support a maximum parameter value of 4096 characters\./,
    );
    assert.equal((await put('/size/advanced', eightKb, { Tier: 'Advanced' })).Tier, 'Advanced');
    await rejectsWith(put('/size/huge', `${eightKb}x`, { Tier: 'Advanced' }), 'ValidationException');
    assert.equal((await put('/size/auto-small', 'x', { Tier: 'Intelligent-Tiering' })).Tier, 'Standard');
    assert.equal(
      (await put('/size/auto-big', `${fourKb}x`, { Tier: 'Intelligent-Tiering' })).Tier,
      'Advanced',
    );
  });

  it('keeps an advanced parameter advanced: overwriting keeps the tier and Standard is refused', async () => {
    await put('/tier/adv', 'v', { Tier: 'Advanced' });
    assert.equal((await put('/tier/adv', 'w', { Overwrite: true })).Tier, 'Advanced');
    await rejectsWith(
      put('/tier/adv', 'x', { Overwrite: true, Tier: 'Standard' }),
      'ValidationException',
      /can't downgrade a parameter from the advanced-parameter tier/,
    );
  });

  // "Parameter value, cannot be validated against allowedPattern: \d{1,4}" (user guide, param-create-cli.html)
  it('enforces AllowedPattern on the whole value, also on later versions', async () => {
    await put('/pattern/port', '8080', { AllowedPattern: '\\d{1,4}' });
    await rejectsWith(
      put('/pattern/port', '10000', { Overwrite: true }),
      'ParameterPatternMismatchException',
      'Parameter value, cannot be validated against allowedPattern: \\d{1,4}',
    );
    await rejectsWith(put('/pattern/bad', 'v', { AllowedPattern: '(' }), 'InvalidAllowedPatternException');
  });

  it('accepts DataType text and aws:ec2:image (an AMI id), and refuses other data types', async () => {
    await put('/ami/latest', 'ami-0123456789abcdef0', { DataType: 'aws:ec2:image' });
    assert.equal((await get('/ami/latest')).DataType, 'aws:ec2:image');
    await rejectsWith(put('/ami/bad', 'not-an-ami', { DataType: 'aws:ec2:image' }), 'ValidationException');
    await rejectsWith(
      put('/ami/other', 'v', { DataType: 'Text' }),
      'ValidationException',
      'The following data type is not supported: Text (Data type names are all lowercase.)',
    );
  });

  it('reports model constraint violations with the generic validation wording', async () => {
    await rejectsWith(
      put('/d', 'v', { Description: 'd'.repeat(1025) }),
      'ValidationException',
      /^1 validation error detected: Value '.*' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1024$/,
    );
    await rejectsWith(put('/empty', ''), 'ValidationException', /at 'value' failed to satisfy constraint/);
  });

  // GetParameters: "InvalidParameters: A list of parameters that aren't formatted correctly or don't run
  // during an execution." Names at most 10 (API_GetParameters.html).
  it('GetParameters returns found parameters and lists the rest in InvalidParameters, at most 10 names', async () => {
    await put('/many/a', '1');
    await put('/many/b', '2', { Type: 'SecureString' });
    const result = await ssm.send(
      new GetParametersCommand({
        Names: ['/many/a', '/many/b', '/many/missing', '/many/a:7'],
        WithDecryption: true,
      }),
    );
    assert.deepEqual(
      result.Parameters?.map((p) => [p.Name, p.Value]),
      [
        ['/many/a', '1'],
        ['/many/b', '2'],
      ],
    );
    assert.deepEqual(result.InvalidParameters, ['/many/missing', '/many/a:7']);
    await rejectsWith(
      ssm.send(new GetParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `/n${i}`) })),
      'ValidationException',
      /at 'names' failed to satisfy constraint: Member must have length less than or equal to 10/,
    );
  });

  it('DeleteParameter removes every version; DeleteParameters reports deleted and invalid names', async () => {
    await put('/del/one', '1');
    await put('/del/one', '2', { Overwrite: true });
    await ssm.send(new DeleteParameterCommand({ Name: '/del/one' }));
    await rejectsWith(get('/del/one'), 'ParameterNotFound');
    await rejectsWith(get('/del/one:1'), 'ParameterNotFound');
    await rejectsWith(ssm.send(new DeleteParameterCommand({ Name: '/del/one' })), 'ParameterNotFound');
    assert.equal((await put('/del/one', 'again')).Version, 1);

    await put('/del/two', '2');
    const result = await ssm.send(
      new DeleteParametersCommand({ Names: ['/del/one', '/del/two', '/del/none'] }),
    );
    assert.deepEqual(result.DeletedParameters, ['/del/one', '/del/two']);
    assert.deepEqual(result.InvalidParameters, ['/del/none']);
  });
});
