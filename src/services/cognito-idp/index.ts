// Amazon Cognito user pools: the service's table of contents (awsJson 1.1,
// `AWSCognitoIdentityProviderService.*`). The calls a sign-in client makes carry no credentials, as with AWS.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html

import * as model from '../../core/generated/cognito-idp.js';
import { defineService } from '../../core/service.js';
import { CognitoIdp } from './cognito.js';
import { COGNITO_IDP_ERRORS, cognitoValidationError } from './errors.js';
import { issuerMount } from './mount.js';
import { domainMount } from './oauth/mount.js';
import {
  adminForgetDevice,
  adminGetDevice,
  adminListDevices,
  adminUpdateDeviceStatus,
} from './operations/admin-devices.js';
import {
  adminConfirmSignUp,
  adminCreateUser,
  adminDeleteUser,
  adminDisableUser,
  adminEnableUser,
  adminGetUser,
  adminResetUserPassword,
  adminSetUserPassword,
  listUsers,
} from './operations/admin-users.js';
import {
  adminDeleteUserAttributes,
  adminUpdateUserAttributes,
  deleteUserAttributes,
  getUserAttributeVerificationCode,
  updateUserAttributes,
  verifyUserAttribute,
} from './operations/attributes.js';
import {
  adminInitiateAuth,
  adminRespondToAuthChallenge,
  initiateAuth,
  respondToAuthChallenge,
} from './operations/auth.js';
import {
  createUserPoolClient,
  deleteUserPoolClient,
  describeUserPoolClient,
  listUserPoolClients,
  updateUserPoolClient,
} from './operations/clients.js';
import {
  confirmDevice,
  forgetDevice,
  getDevice,
  listDevices,
  updateDeviceStatus,
} from './operations/devices.js';
import {
  createUserPoolDomain,
  deleteUserPoolDomain,
  describeUserPoolDomain,
  updateUserPoolDomain,
} from './operations/domains.js';
import {
  adminAddUserToGroup,
  adminListGroupsForUser,
  adminRemoveUserFromGroup,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  listUsersInGroup,
  updateGroup,
} from './operations/groups.js';
import { getUserPoolMfaConfig, setUserPoolMfaConfig } from './operations/mfa-config.js';
import { adminSetUserMFAPreference, setUserMFAPreference } from './operations/mfa-preference.js';
import { confirmForgotPassword, forgotPassword } from './operations/passwords.js';
import { getTokensFromRefreshToken } from './operations/refresh.js';
import {
  createResourceServer,
  deleteResourceServer,
  describeResourceServer,
  listResourceServers,
  updateResourceServer,
} from './operations/resource-servers.js';
import {
  adminUserGlobalSignOut,
  changePassword,
  deleteUser,
  getUser,
  globalSignOut,
  revokeToken,
} from './operations/self.js';
import { confirmSignUp, resendConfirmationCode, signUp } from './operations/sign-up.js';
import { associateSoftwareToken, verifySoftwareToken } from './operations/software-token.js';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.js';
import {
  addCustomAttributes,
  createUserPool,
  deleteUserPool,
  describeUserPool,
  listUserPools,
  updateUserPool,
} from './operations/user-pools.js';
import {
  userPoolClient,
  userPoolDomain,
  userPoolGroup,
  userPoolUser,
  userPoolUserToGroupAttachment,
} from './resources/children.js';
import { userPool } from './resources/user-pool.js';

export const cognitoIdpService = defineService<CognitoIdp>({
  name: 'cognito-idp',
  signingName: 'cognito-idp',
  json: { targetPrefix: 'AWSCognitoIdentityProviderService', version: '1.1' },
  errorNamespace: 'com.amazonaws.cognito',
  model,
  errors: COGNITO_IDP_ERRORS,
  validationError: cognitoValidationError,
  // The calls AWS serves without SigV4 (the model's `authtype: none`): what apps call before they have
  // any credentials.
  anonymousOperations: [
    'SignUp',
    'ConfirmSignUp',
    'ResendConfirmationCode',
    'InitiateAuth',
    'RespondToAuthChallenge',
    'ForgotPassword',
    'ConfirmForgotPassword',
    'GetUser',
    'UpdateUserAttributes',
    'DeleteUserAttributes',
    'DeleteUser',
    'ChangePassword',
    'GlobalSignOut',
    'RevokeToken',
    'GetUserAttributeVerificationCode',
    'VerifyUserAttribute',
    'AssociateSoftwareToken',
    'VerifySoftwareToken',
    'SetUserMFAPreference',
    'ConfirmDevice',
    'GetDevice',
    'ListDevices',
    'UpdateDeviceStatus',
    'ForgetDevice',
    'GetTokensFromRefreshToken',
  ],
  resources: [
    userPool,
    userPoolClient,
    userPoolGroup,
    userPoolDomain,
    userPoolUser,
    userPoolUserToGroupAttachment,
  ],
  mounts: [issuerMount, domainMount],
  operations: {
    AddCustomAttributes: addCustomAttributes,
    AdminAddUserToGroup: adminAddUserToGroup,
    AdminConfirmSignUp: adminConfirmSignUp,
    AdminCreateUser: adminCreateUser,
    AdminDeleteUser: adminDeleteUser,
    AdminDeleteUserAttributes: adminDeleteUserAttributes,
    AdminDisableUser: adminDisableUser,
    AdminEnableUser: adminEnableUser,
    AdminForgetDevice: adminForgetDevice,
    AdminGetDevice: adminGetDevice,
    AdminGetUser: adminGetUser,
    AdminInitiateAuth: adminInitiateAuth,
    AdminListDevices: adminListDevices,
    AdminListGroupsForUser: adminListGroupsForUser,
    AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
    AdminResetUserPassword: adminResetUserPassword,
    AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
    AdminSetUserMFAPreference: adminSetUserMFAPreference,
    AdminSetUserPassword: adminSetUserPassword,
    AdminUpdateDeviceStatus: adminUpdateDeviceStatus,
    AdminUpdateUserAttributes: adminUpdateUserAttributes,
    AdminUserGlobalSignOut: adminUserGlobalSignOut,
    AssociateSoftwareToken: associateSoftwareToken,
    ChangePassword: changePassword,
    ConfirmDevice: confirmDevice,
    ConfirmForgotPassword: confirmForgotPassword,
    ConfirmSignUp: confirmSignUp,
    CreateGroup: createGroup,
    CreateUserPool: createUserPool,
    CreateUserPoolClient: createUserPoolClient,
    CreateResourceServer: createResourceServer,
    CreateUserPoolDomain: createUserPoolDomain,
    DeleteGroup: deleteGroup,
    DeleteUser: deleteUser,
    DeleteUserAttributes: deleteUserAttributes,
    DeleteUserPool: deleteUserPool,
    DeleteUserPoolClient: deleteUserPoolClient,
    DeleteResourceServer: deleteResourceServer,
    DeleteUserPoolDomain: deleteUserPoolDomain,
    DescribeUserPool: describeUserPool,
    DescribeUserPoolClient: describeUserPoolClient,
    DescribeResourceServer: describeResourceServer,
    DescribeUserPoolDomain: describeUserPoolDomain,
    ForgetDevice: forgetDevice,
    ForgotPassword: forgotPassword,
    GetDevice: getDevice,
    GetGroup: getGroup,
    GetTokensFromRefreshToken: getTokensFromRefreshToken,
    GetUser: getUser,
    GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
    GetUserPoolMfaConfig: getUserPoolMfaConfig,
    GlobalSignOut: globalSignOut,
    InitiateAuth: initiateAuth,
    ListDevices: listDevices,
    ListGroups: listGroups,
    ListResourceServers: listResourceServers,
    ListTagsForResource: listTagsForResource,
    ListUserPoolClients: listUserPoolClients,
    ListUserPools: listUserPools,
    ListUsers: listUsers,
    ListUsersInGroup: listUsersInGroup,
    ResendConfirmationCode: resendConfirmationCode,
    RespondToAuthChallenge: respondToAuthChallenge,
    RevokeToken: revokeToken,
    SetUserMFAPreference: setUserMFAPreference,
    SetUserPoolMfaConfig: setUserPoolMfaConfig,
    SignUp: signUp,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateDeviceStatus: updateDeviceStatus,
    UpdateGroup: updateGroup,
    UpdateResourceServer: updateResourceServer,
    UpdateUserAttributes: updateUserAttributes,
    UpdateUserPool: updateUserPool,
    UpdateUserPoolClient: updateUserPoolClient,
    UpdateUserPoolDomain: updateUserPoolDomain,
    VerifySoftwareToken: verifySoftwareToken,
    VerifyUserAttribute: verifyUserAttribute,
  },
  create: ({ store, clock, call, endpoint }) => new CognitoIdp({ store, clock, call, endpoint }),
});
