// AWS CloudFormation: the service's table of contents (awsQuery, API version 2010-05-15). Templates,
// stacks and change sets; the resources themselves are each service's `resources/` types.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/Welcome.html

import * as model from '../../core/generated/cloudformation.js';
import { defineService } from '../../core/service.js';
import { CloudFormation } from './cloudformation.js';
import { CLOUDFORMATION_ERRORS } from './errors.js';
import {
  createChangeSet,
  deleteChangeSet,
  describeChangeSet,
  executeChangeSet,
  listChangeSets,
} from './operations/change-sets.js';
import { listExports, listImports } from './operations/exports.js';
import {
  describeStackEvents,
  describeStackResource,
  describeStackResources,
  listStackResources,
} from './operations/stack-resources.js';
import {
  createStack,
  deleteStack,
  describeStacks,
  listStacks,
  updateStack,
  updateTerminationProtection,
} from './operations/stacks.js';
import {
  getStackPolicy,
  getTemplate,
  getTemplateSummary,
  setStackPolicy,
  validateTemplate,
} from './operations/templates.js';
import { customResourceType } from './resources/custom-resource.js';
import { nestedStack } from './resources/stack.js';
import { waitCondition, waitConditionHandle } from './resources/wait-condition.js';
import { cloudFormationWiring } from './wiring.js';

export const cloudFormationService = defineService<CloudFormation>({
  name: 'cloudformation',
  signingName: 'cloudformation',
  query: { xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/' },
  errorNamespace: 'com.amazonaws.cloudformation',
  model,
  errors: CLOUDFORMATION_ERRORS,
  operations: {
    CreateChangeSet: createChangeSet,
    CreateStack: createStack,
    DeleteChangeSet: deleteChangeSet,
    DeleteStack: deleteStack,
    DescribeChangeSet: describeChangeSet,
    DescribeStackEvents: describeStackEvents,
    DescribeStackResource: describeStackResource,
    DescribeStackResources: describeStackResources,
    DescribeStacks: describeStacks,
    ExecuteChangeSet: executeChangeSet,
    GetStackPolicy: getStackPolicy,
    GetTemplate: getTemplate,
    GetTemplateSummary: getTemplateSummary,
    ListChangeSets: listChangeSets,
    ListExports: listExports,
    ListImports: listImports,
    ListStackResources: listStackResources,
    ListStacks: listStacks,
    SetStackPolicy: setStackPolicy,
    UpdateStack: updateStack,
    UpdateTerminationProtection: updateTerminationProtection,
    ValidateTemplate: validateTemplate,
  },
  // `Custom::<Name>` types are made per name by the engine (cloudformation.ts), on top of these.
  resources: [
    customResourceType('AWS::CloudFormation::CustomResource'),
    nestedStack,
    waitCondition,
    waitConditionHandle,
  ],
  wiring: (_engine, deps) => cloudFormationWiring(deps),
  create: (deps) => new CloudFormation(deps),
});
