// The `${appsync:…}` variables serverless-appsync-plugin v2 provides: the API's `id`, `arn` and `url`, and
// `apiKey.<name>`, each the CloudFormation intrinsic that reads it from the stack (so they are whole
// values, e.g. a function's environment variable, not parts of a string).
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/general-config.md

import { SourceError } from '../variables/errors.js';
import type { SourceResolver } from '../variables/resolver.js';
import { appSyncNaming as names } from './naming.js';

export const appSyncVariables: SourceResolver = (call) => {
  const address = String(call.address ?? '');
  if (address === 'id') return { 'Fn::GetAtt': [names.api, 'ApiId'] };
  if (address === 'arn') return { 'Fn::GetAtt': [names.api, 'Arn'] };
  if (address === 'url') return { 'Fn::GetAtt': [names.api, 'GraphQLUrl'] };
  if (address.startsWith('apiKey.'))
    return { 'Fn::GetAtt': [names.apiKey(address.split('.')[1]!), 'ApiKey'] };
  throw new SourceError(`Unknown address '${address}'`);
};
