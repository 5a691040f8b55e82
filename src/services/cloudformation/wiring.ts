// CloudFormation on the console's map: each live stack as a group of the resources it made (by physical
// id, which the other services' nodes carry as ARN or alias).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html

import type { WiringGroup, WiringSource } from '../../core/ports/wiring.js';
import { allPages } from '../../core/ports/wiring-pages.js';
import type { ServiceDeps } from '../../core/service.js';

interface Summary {
  StackName: string;
  StackId: string;
  StackStatus: string;
}
interface Resource {
  PhysicalResourceId?: string;
}

export function cloudFormationWiring(deps: ServiceDeps): WiringSource {
  return {
    async wiring(account, region) {
      const at = { call: deps.call, service: 'cloudformation', account, region };
      const stacks = await allPages<{ StackSummaries?: Summary[]; NextToken?: string }, Summary>(
        at,
        'ListStacks',
        {},
        (page) => page.StackSummaries,
        (page) => page.NextToken,
        'NextToken',
      );
      const groups: WiringGroup[] = [];
      for (const stack of stacks) {
        if (stack.StackStatus === 'DELETE_COMPLETE') continue;
        const resources = await allPages<
          { StackResourceSummaries?: Resource[]; NextToken?: string },
          Resource
        >(
          at,
          'ListStackResources',
          { StackName: stack.StackId },
          (page) => page.StackResourceSummaries,
          (page) => page.NextToken,
          'NextToken',
        );
        const members = resources.flatMap((resource) => resource.PhysicalResourceId ?? []);
        groups.push({ id: stack.StackId, label: stack.StackName, members });
      }
      return { nodes: [], edges: [], groups };
    },
  };
}
