// A ResourceContext over a test cloud, so a service's CloudFormation resource types can be exercised
// directly (create, update, delete) without a template, through the same in-process calls the engine makes.

import { generatedPhysicalName, type ResourceContext } from '../../src/core/resources.js';
import type { Cloud } from '../../src/index.js';

export function resourceContext(
  cloud: Cloud,
  logicalId: string,
  options: { stackName?: string; account?: string; region?: string } = {},
): ResourceContext {
  const account = options.account ?? '000000000000';
  const region = options.region ?? 'us-east-1';
  const stackName = options.stackName ?? 'test-stack';
  const names = new Map<string, string>();
  return {
    account,
    region,
    stackName,
    stackId: `arn:aws:cloudformation:${region}:${account}:stack/${stackName}/00000000-0000-4000-8000-000000000000`,
    logicalId,
    physicalName: (nameOptions = {}) => {
      const key = JSON.stringify(nameOptions);
      let name = names.get(key);
      if (!name) {
        name = generatedPhysicalName(stackName, logicalId, Math.random, nameOptions);
        names.set(key, name);
      }
      return name;
    },
    endpoint: cloud.endpoint,
    clock: cloud.clock,
    call: async (service, operation, input) =>
      (await cloud.call(service, operation, input, { account, region, caller: 'cloudformation' })) as Record<
        string,
        unknown
      >,
  };
}
