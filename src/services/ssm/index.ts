// AWS Systems Manager Parameter Store: the service's table of contents (awsJson 1.1, `AmazonSSM.*`).
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/Welcome.html
// https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html

import * as model from '../../core/generated/ssm.js';
import { defineService } from '../../core/service.js';
import { SSM_ERRORS } from './errors.js';
import { deleteParameter, deleteParameters } from './operations/delete-parameters.js';
import { describeParameters } from './operations/describe-parameters.js';
import { getParameterHistory } from './operations/get-parameter-history.js';
import { getParameter, getParameters } from './operations/get-parameters.js';
import { getParametersByPath } from './operations/get-parameters-by-path.js';
import { labelParameterVersion, unlabelParameterVersion } from './operations/labels.js';
import { putParameter } from './operations/put-parameter.js';
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from './operations/tags.js';
import { parameter } from './resources/parameter.js';
import { ParameterStore } from './ssm.js';

export const ssmService = defineService<ParameterStore>({
  name: 'ssm',
  signingName: 'ssm',
  json: { targetPrefix: 'AmazonSSM', version: '1.1' },
  errorNamespace: 'com.amazonaws.ssm',
  model,
  errors: SSM_ERRORS,
  resources: [parameter],
  operations: {
    AddTagsToResource: addTagsToResource,
    DeleteParameter: deleteParameter,
    DeleteParameters: deleteParameters,
    DescribeParameters: describeParameters,
    GetParameter: getParameter,
    GetParameterHistory: getParameterHistory,
    GetParameters: getParameters,
    GetParametersByPath: getParametersByPath,
    LabelParameterVersion: labelParameterVersion,
    ListTagsForResource: listTagsForResource,
    PutParameter: putParameter,
    RemoveTagsFromResource: removeTagsFromResource,
    UnlabelParameterVersion: unlabelParameterVersion,
  },
  create: ({ store, clock }) => new ParameterStore(store, clock),
});
