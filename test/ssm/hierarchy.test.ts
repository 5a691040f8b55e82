// Hierarchy queries: GetParametersByPath one level or recursive, with filters and pages, and
// DescribeParameters with Filters and ParameterFilters (Name, Type, KeyId, Path, Tier, DataType, tags).
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ParameterStringFilter.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeParametersCommand,
  type DescribeParametersCommandInput,
  GetParametersByPathCommand,
  type GetParametersByPathCommandInput,
  LabelParameterVersionCommand,
  type ParameterType,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { Cloud } from '../../src/index.js';
import { rejectsWith, ssmCloud } from './helpers.js';

describe('SSM hierarchies', () => {
  let cloud: Cloud;
  let ssm: SSMClient;
  before(async () => {
    ({ cloud, ssm } = await ssmCloud());
    const put = (Name: string, Type: ParameterType = 'String', extra: Record<string, unknown> = {}) =>
      ssm.send(new PutParameterCommand({ Name, Value: `value of ${Name}`, Type, ...extra }));
    await put('/shop/prod/db/host');
    await put('/shop/prod/db/password', 'SecureString', { KeyId: 'alias/shop' });
    await put('/shop/prod/url', 'String', { Tags: [{ Key: 'team', Value: 'web' }] });
    await put('/shop/prod/regions', 'StringList', { Tier: 'Advanced' });
    await put('/shop/dev/url', 'String', { Tags: [{ Key: 'team', Value: 'web-dev' }] });
    await put('/shop/prod/ami', 'String', { Value: 'ami-0123456789abcdef0', DataType: 'aws:ec2:image' });
    await put('standalone');
    await put('/shop/prod/url', 'String', { Overwrite: true, Value: 'https://shop.example' });
    for (let i = 0; i < 23; i++) await put(`/paged/p${String(i).padStart(2, '0')}`);
  });
  after(() => cloud.stop());

  const byPath = async (input: GetParametersByPathCommandInput) =>
    (await ssm.send(new GetParametersByPathCommand(input))).Parameters?.map((p) => p.Name);
  const described = async (input: DescribeParametersCommandInput) =>
    (await ssm.send(new DescribeParametersCommand(input))).Parameters?.map((p) => p.Name);

  it('returns the parameters one level below a path, and every level with Recursive, in name order', async () => {
    assert.deepEqual(await byPath({ Path: '/shop/prod' }), [
      '/shop/prod/ami',
      '/shop/prod/regions',
      '/shop/prod/url',
    ]);
    assert.deepEqual(await byPath({ Path: '/shop/prod/' }), [
      '/shop/prod/ami',
      '/shop/prod/regions',
      '/shop/prod/url',
    ]);
    assert.deepEqual(await byPath({ Path: '/shop', Recursive: true }), [
      '/shop/dev/url',
      '/shop/prod/ami',
      '/shop/prod/db/host',
      '/shop/prod/db/password',
      '/shop/prod/regions',
      '/shop/prod/url',
    ]);
    assert.deepEqual(await byPath({ Path: '/', MaxResults: 10 }), ['standalone']);
    assert.deepEqual(await byPath({ Path: '/sho' }), []);
  });

  it('returns latest values, decrypting SecureStrings only WithDecryption', async () => {
    const { Parameters } = await ssm.send(new GetParametersByPathCommand({ Path: '/shop/prod/db' }));
    const password = Parameters?.find((p) => p.Name === '/shop/prod/db/password');
    assert.notEqual(password?.Value, 'value of /shop/prod/db/password');
    const decrypted = await ssm.send(
      new GetParametersByPathCommand({ Path: '/shop/prod/db', WithDecryption: true }),
    );
    assert.equal(
      decrypted.Parameters?.find((p) => p.Name === '/shop/prod/db/password')?.Value,
      'value of /shop/prod/db/password',
    );
    const url = (await ssm.send(new GetParametersByPathCommand({ Path: '/shop/prod' }))).Parameters?.find(
      (p) => p.Name === '/shop/prod/url',
    );
    assert.deepEqual([url?.Value, url?.Version], ['https://shop.example', 2]);
  });

  it('pages with MaxResults and NextToken until the last page, which has no token', async () => {
    const names: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await ssm.send(
        new GetParametersByPathCommand({ Path: '/paged', MaxResults: 10, NextToken }),
      );
      names.push(...(page.Parameters ?? []).map((p) => p.Name!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    assert.equal(pages, 3);
    assert.deepEqual(
      names,
      Array.from({ length: 23 }, (_, i) => `/paged/p${String(i).padStart(2, '0')}`),
    );
  });

  it('refuses MaxResults over 10, a bad NextToken, and a path that is not one', async () => {
    await rejectsWith(
      byPath({ Path: '/paged', MaxResults: 11 }),
      'ValidationException',
      "1 validation error detected: Value '11' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10",
    );
    await rejectsWith(byPath({ Path: '/paged', NextToken: 'garbage' }), 'InvalidNextToken');
    await rejectsWith(byPath({ Path: 'shop' }), 'ValidationException', /must begin with a forward slash/);
  });

  it('answers an empty page for the public /aws/service namespace it does not serve', async () => {
    assert.deepEqual(await byPath({ Path: '/aws/service/global-infrastructure/regions' }), []);
  });

  it('filters GetParametersByPath by Type, KeyId and Label, and refuses keys it does not take', async () => {
    const filtered = (ParameterFilters: GetParametersByPathCommandInput['ParameterFilters']) =>
      byPath({ Path: '/shop', Recursive: true, ParameterFilters });
    assert.deepEqual(await filtered([{ Key: 'Type', Values: ['StringList', 'SecureString'] }]), [
      '/shop/prod/db/password',
      '/shop/prod/regions',
    ]);
    assert.deepEqual(await filtered([{ Key: 'KeyId', Option: 'BeginsWith', Values: ['alias/sh'] }]), [
      '/shop/prod/db/password',
    ]);
    await ssm.send(
      new LabelParameterVersionCommand({ Name: '/shop/prod/url', ParameterVersion: 1, Labels: ['first'] }),
    );
    const labelled = await ssm.send(
      new GetParametersByPathCommand({
        Path: '/shop',
        Recursive: true,
        ParameterFilters: [{ Key: 'Label', Values: ['first'] }],
      }),
    );
    assert.deepEqual(
      labelled.Parameters?.map((p) => [p.Name, p.Version]),
      [['/shop/prod/url', 1]],
    );
    // "For GetParametersByPath, the following patterns listed for Key aren't valid: tag, DataType, Name, Path, and Tier."
    await rejectsWith(
      filtered([{ Key: 'Name', Values: ['/shop'] }]),
      'InvalidFilterKey',
      'The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId].',
    );
    await rejectsWith(filtered([{ Key: 'tag:team', Values: ['web'] }]), 'InvalidFilterKey');
    await rejectsWith(
      filtered([{ Key: 'Label', Option: 'BeginsWith', Values: ['f'] }]),
      'InvalidFilterOption',
      'The following filter option is not valid: BeginsWith. Valid options include: [Equals].',
    );
  });

  it('describes every parameter in name order, without values, with tier, key, user and version', async () => {
    const { Parameters } = await ssm.send(new DescribeParametersCommand({ MaxResults: 50 }));
    const names = Parameters?.map((p) => p.Name) ?? [];
    assert.deepEqual(names, [...names].sort());
    assert.equal(names.length, 30);
    const password = Parameters?.find((p) => p.Name === '/shop/prod/db/password');
    assert.equal(password?.KeyId, 'alias/shop');
    assert.equal(password?.Type, 'SecureString');
    assert.equal(password?.LastModifiedUser, 'arn:aws:iam::000000000000:root');
    assert.equal(password?.ARN, 'arn:aws:ssm:us-east-1:000000000000:parameter/shop/prod/db/password');
    assert.equal((password as Record<string, unknown>).Value, undefined);
    assert.equal(Parameters?.find((p) => p.Name === '/shop/prod/regions')?.Tier, 'Advanced');
    assert.equal(Parameters?.find((p) => p.Name === '/shop/prod/url')?.Version, 2);
    assert.equal(Parameters?.find((p) => p.Name === '/shop/prod/ami')?.DataType, 'aws:ec2:image');
  });

  it('pages DescribeParameters with MaxResults 1–50 and refuses 51', async () => {
    const first = await ssm.send(new DescribeParametersCommand({ MaxResults: 20 }));
    assert.equal(first.Parameters?.length, 20);
    const second = await ssm.send(
      new DescribeParametersCommand({ MaxResults: 20, NextToken: first.NextToken }),
    );
    assert.equal(second.Parameters?.length, 10);
    assert.equal(second.NextToken, undefined);
    assert.equal(new Set([...first.Parameters!, ...second.Parameters!].map((p) => p.Name)).size, 30);
    await rejectsWith(
      described({ MaxResults: 51 }),
      'ValidationException',
      /Member must have value less than or equal to 50/,
    );
  });

  it('filters DescribeParameters by Name (Equals, BeginsWith, Contains), Path (OneLevel, Recursive), Type, Tier, DataType and tags', async () => {
    assert.deepEqual(
      await described({ ParameterFilters: [{ Key: 'Name', Values: ['/shop/dev/url', 'standalone'] }] }),
      ['/shop/dev/url', 'standalone'],
    );
    assert.deepEqual(await described({ ParameterFilters: [{ Key: 'Name', Values: ['/standalone'] }] }), [
      'standalone',
    ]);
    assert.deepEqual(
      await described({
        ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/shop/prod/db'] }],
      }),
      ['/shop/prod/db/host', '/shop/prod/db/password'],
    );
    assert.deepEqual(
      await described({ ParameterFilters: [{ Key: 'Name', Option: 'Contains', Values: ['url'] }] }),
      ['/shop/dev/url', '/shop/prod/url'],
    );
    assert.deepEqual(await described({ ParameterFilters: [{ Key: 'Path', Values: ['/shop/prod/db'] }] }), [
      '/shop/prod/db/host',
      '/shop/prod/db/password',
    ]);
    assert.equal(
      (await described({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/shop'] }] }))
        ?.length,
      6,
    );
    assert.deepEqual(await described({ ParameterFilters: [{ Key: 'Path', Values: ['/'] }] }), ['standalone']);
    assert.deepEqual(await described({ ParameterFilters: [{ Key: 'Tier', Values: ['Advanced'] }] }), [
      '/shop/prod/regions',
    ]);
    assert.deepEqual(
      await described({ ParameterFilters: [{ Key: 'DataType', Values: ['aws:ec2:image'] }] }),
      ['/shop/prod/ami'],
    );
    assert.deepEqual(await described({ ParameterFilters: [{ Key: 'tag:team', Values: ['web'] }] }), [
      '/shop/prod/url',
    ]);
    assert.deepEqual(await described({ ParameterFilters: [{ Key: 'tag:team' }] }), [
      '/shop/dev/url',
      '/shop/prod/url',
    ]);
    assert.deepEqual(
      await described({ ParameterFilters: [{ Key: 'tag:team', Option: 'BeginsWith', Values: ['web-'] }] }),
      ['/shop/dev/url'],
    );
    assert.deepEqual(
      await described({
        ParameterFilters: [
          { Key: 'Path', Option: 'Recursive', Values: ['/shop'] },
          { Key: 'Type', Values: ['SecureString'] },
        ],
      }),
      ['/shop/prod/db/password'],
    );
  });

  it('accepts the deprecated Filters, but not together with ParameterFilters', async () => {
    assert.deepEqual(await described({ Filters: [{ Key: 'Name', Values: ['/shop/prod/db'] }] }), [
      '/shop/prod/db/host',
      '/shop/prod/db/password',
    ]);
    assert.deepEqual(await described({ Filters: [{ Key: 'KeyId', Values: ['alias/shop'] }] }), [
      '/shop/prod/db/password',
    ]);
    await rejectsWith(
      described({
        Filters: [{ Key: 'Type', Values: ['String'] }],
        ParameterFilters: [{ Key: 'Type', Values: ['String'] }],
      }),
      'ValidationException',
      'You can use either Filters or ParameterFilters in a single request.',
    );
  });

  it('answers DescribeParameters filter errors with InvalidFilterKey, InvalidFilterOption, InvalidFilterValue', async () => {
    await rejectsWith(
      described({ ParameterFilters: [{ Key: 'Label', Values: ['x'] }] }),
      'InvalidFilterKey',
      'The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].',
    );
    await rejectsWith(
      described({
        ParameterFilters: [
          { Key: 'Type', Values: ['String'] },
          { Key: 'Type', Values: ['StringList'] },
        ],
      }),
      'InvalidFilterKey',
      'The following filter is duplicated in the request: Type. A request can contain only one occurrence of a specific filter.',
    );
    await rejectsWith(
      described({ ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/shop'] }] }),
      'InvalidFilterOption',
      'The following filter option is not valid: Equals. Valid options include: [Recursive, OneLevel].',
    );
    await rejectsWith(
      described({ ParameterFilters: [{ Key: 'Type', Values: ['Number'] }] }),
      'InvalidFilterOption',
      'The following filter value is not valid: Number. Valid values include: [String, StringList, SecureString].',
    );
    await rejectsWith(
      described({ ParameterFilters: [{ Key: 'Name' }] }),
      'InvalidFilterValue',
      'The following filter values are missing : null for filter key Name.',
    );
    await rejectsWith(
      described({ ParameterFilters: [{ Key: 'Path', Values: ['/aws/service'] }] }),
      'ValidationException',
      /^Filters for common parameters can't be prefixed with "aws" or "ssm"/,
    );
    await rejectsWith(
      described({ ParameterFilters: [{ Key: 'Colour', Values: ['x'] }] }),
      'ValidationException',
      /^1 validation error detected: Value 'Colour' at 'parameterFilters.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: tag:\.\+\|Name/,
    );
  });
});
