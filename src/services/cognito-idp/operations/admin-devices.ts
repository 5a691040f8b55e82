// The administrator's device calls: AdminGetDevice, AdminListDevices, AdminUpdateDeviceStatus and
// AdminForgetDevice, the same as the user's own (devices.ts) for a user named in a pool.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListDevices.html

import * as model from '../../../core/generated/cognito-idp.js';
import type { RequestContext } from '../../../core/service.js';
import type { CognitoIdp } from '../cognito.js';
import type { UserRow } from '../store.js';
import { deviceType, forgetDevice, requireDevice } from '../users/devices.js';
import { requireUser } from '../users/users.js';
import { devicePage, requireTracking, setRemembered } from './devices.js';
import { operation, poolOf } from './operation.js';

export const adminGetDevice = operation({
  input: model.AdminGetDeviceRequest,
  run: (input, cognito, ctx) => {
    const user = namedUser(cognito, input.UserPoolId, input.Username, ctx);
    return { Device: deviceType(requireDevice(cognito, user, input.DeviceKey)) };
  },
});

export const adminListDevices = operation({
  input: model.AdminListDevicesRequest,
  run: (input, cognito, ctx) => {
    const user = namedUser(cognito, input.UserPoolId, input.Username, ctx);
    return devicePage(cognito, user, input.Limit, input.PaginationToken);
  },
});

export const adminUpdateDeviceStatus = operation({
  input: model.AdminUpdateDeviceStatusRequest,
  run: (input, cognito, ctx) => {
    const user = namedUser(cognito, input.UserPoolId, input.Username, ctx);
    setRemembered(cognito, user, input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  },
});

export const adminForgetDevice = operation({
  input: model.AdminForgetDeviceRequest,
  run: (input, cognito, ctx) => {
    const user = namedUser(cognito, input.UserPoolId, input.Username, ctx);
    forgetDevice(cognito, requireDevice(cognito, user, input.DeviceKey));
    return {};
  },
});

function namedUser(cognito: CognitoIdp, poolId: string, username: string, ctx: RequestContext): UserRow {
  const pool = poolOf(cognito, poolId, ctx);
  requireTracking(pool);
  return requireUser(cognito, pool, username);
}
