// Amazon Cognito identity pools (federated identities): the service's table of contents (awsJson 1.1,
// `AWSCognitoIdentityService.*`). GetId, GetOpenIdToken, GetCredentialsForIdentity and UnlinkIdentity
// are called by apps with no credentials, as on AWS.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/Welcome.html

import * as model from '../../core/generated/cognito-identity.js';
import { defineService } from '../../core/service.js';
import { type CognitoIdentity, createCognitoIdentity } from './cognito-identity.js';
import { COGNITO_IDENTITY_ERRORS } from './errors.js';
import { getCredentialsForIdentity } from './operations/credentials.js';
import {
  getOpenIdTokenForDeveloperIdentity,
  lookupDeveloperIdentity,
  mergeDeveloperIdentities,
  unlinkDeveloperIdentity,
} from './operations/developer.js';
import { getId } from './operations/get-id.js';
import { deleteIdentities, describeIdentity, listIdentities } from './operations/identities.js';
import { getOpenIdToken } from './operations/open-id-token.js';
import {
  createIdentityPool,
  deleteIdentityPool,
  describeIdentityPool,
  listIdentityPools,
  updateIdentityPool,
} from './operations/pools.js';
import { getIdentityPoolRoles, setIdentityPoolRoles } from './operations/roles.js';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.js';
import { unlinkIdentity } from './operations/unlink-identity.js';
import { identityPool } from './resources/identity-pool.js';
import { identityPoolRoleAttachment } from './resources/role-attachment.js';

export const cognitoIdentityService = defineService<CognitoIdentity>({
  name: 'cognito-identity',
  signingName: 'cognito-identity',
  json: { targetPrefix: 'AWSCognitoIdentityService', version: '1.1' },
  errorNamespace: 'com.amazonaws.cognitoidentity',
  model,
  errors: COGNITO_IDENTITY_ERRORS,
  // The model marks these `optionalAuth`: Amplify and the SDK's credential provider call them unsigned.
  anonymousOperations: ['GetId', 'GetOpenIdToken', 'GetCredentialsForIdentity', 'UnlinkIdentity'],
  resources: [identityPool, identityPoolRoleAttachment],
  operations: {
    CreateIdentityPool: createIdentityPool,
    DeleteIdentities: deleteIdentities,
    DeleteIdentityPool: deleteIdentityPool,
    DescribeIdentity: describeIdentity,
    DescribeIdentityPool: describeIdentityPool,
    GetCredentialsForIdentity: getCredentialsForIdentity,
    GetId: getId,
    GetIdentityPoolRoles: getIdentityPoolRoles,
    GetOpenIdToken: getOpenIdToken,
    GetOpenIdTokenForDeveloperIdentity: getOpenIdTokenForDeveloperIdentity,
    ListIdentities: listIdentities,
    ListIdentityPools: listIdentityPools,
    ListTagsForResource: listTagsForResource,
    LookupDeveloperIdentity: lookupDeveloperIdentity,
    MergeDeveloperIdentities: mergeDeveloperIdentities,
    SetIdentityPoolRoles: setIdentityPoolRoles,
    TagResource: tagResource,
    UnlinkDeveloperIdentity: unlinkDeveloperIdentity,
    UnlinkIdentity: unlinkIdentity,
    UntagResource: untagResource,
    UpdateIdentityPool: updateIdentityPool,
  },
  create: createCognitoIdentity,
});
