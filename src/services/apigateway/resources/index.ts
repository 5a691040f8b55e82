// The CloudFormation resource types of REST APIs, for the service definition.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_ApiGateway.html

import type { ResourceType } from '../../../core/resources.js';
import {
  authorizer,
  deployment,
  gatewayResponse,
  model,
  requestValidator,
  resource,
  stage,
} from './children.js';
import { method } from './method.js';
import { restApi } from './rest-api.js';
import { apiKey, usagePlan, usagePlanKey } from './usage.js';

export const REST_API_RESOURCES: readonly ResourceType[] = [
  restApi,
  resource,
  method,
  deployment,
  stage,
  authorizer,
  model,
  requestValidator,
  gatewayResponse,
  apiKey,
  usagePlan,
  usagePlanKey,
];
