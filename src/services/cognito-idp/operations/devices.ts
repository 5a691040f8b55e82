// The signed-in user's devices: ConfirmDevice (a device key from NewDeviceMetadata gets the device's SRP
// verifier and is tracked; remembered at once unless the pool asks the user first), GetDevice, ListDevices,
// UpdateDeviceStatus and ForgetDevice. The Admin* forms are in admin-devices.ts.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmDevice.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import type { CognitoIdp, Pool } from '../cognito.js';
import { invalidParameter } from '../errors.js';
import type { UserRow } from '../store.js';
import { requireAccessToken } from '../tokens/tokens.js';
import {
  deviceConfiguration,
  deviceNotFound,
  devicesAfter,
  deviceType,
  forgetDevice as dropDevice,
  findDevice,
  requireDevice,
  saveDevice,
} from '../users/devices.js';
import { afterToken, operation, page } from './operation.js';

export const confirmDevice = operation({
  input: model.ConfirmDeviceRequest,
  run: async (input, cognito) => {
    const { pool, user } = await requireAccessToken(cognito, input.AccessToken);
    const config = requireTracking(pool);
    const device = findDevice(cognito, user, input.DeviceKey, false);
    if (!device) throw deviceNotFound();
    if (device.confirmed === 1)
      throw new ServiceError('DeviceKeyExistsException', 'Device key already exists.');
    const verifier = input.DeviceSecretVerifierConfig;
    if (!verifier?.PasswordVerifier || !verifier.Salt) {
      throw invalidParameter('DeviceSecretVerifierConfig must have a PasswordVerifier and a Salt.');
    }
    const onPrompt = config.DeviceOnlyRememberedOnUserPrompt === true;
    saveDevice(cognito, {
      ...device,
      // The client sends both as base64 of their big-endian bytes; SRP works on them in hex.
      salt: Buffer.from(verifier.Salt, 'base64').toString('hex'),
      verifier: Buffer.from(verifier.PasswordVerifier, 'base64').toString('hex'),
      name: input.DeviceName ?? null,
      confirmed: 1,
      remembered: onPrompt ? 0 : 1,
    });
    return { UserConfirmationNecessary: onPrompt };
  },
});

export const getDevice = operation({
  input: model.GetDeviceRequest,
  run: async (input, cognito) => {
    const user = await signedInUser(cognito, input.AccessToken);
    return { Device: deviceType(requireDevice(cognito, user, input.DeviceKey)) };
  },
});

export const listDevices = operation({
  input: model.ListDevicesRequest,
  run: async (input, cognito) => {
    const user = await signedInUser(cognito, input.AccessToken);
    return devicePage(cognito, user, input.Limit, input.PaginationToken);
  },
});

export const updateDeviceStatus = operation({
  input: model.UpdateDeviceStatusRequest,
  run: async (input, cognito) => {
    const user = await signedInUser(cognito, input.AccessToken);
    setRemembered(cognito, user, input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  },
});

export const forgetDevice = operation({
  input: model.ForgetDeviceRequest,
  run: async (input, cognito) => {
    const user = await signedInUser(cognito, input.AccessToken);
    dropDevice(cognito, requireDevice(cognito, user, input.DeviceKey));
    return {};
  },
});

async function signedInUser(cognito: CognitoIdp, accessToken: string | undefined): Promise<UserRow> {
  if (accessToken === undefined) throw invalidParameter('Missing required parameter AccessToken');
  const { pool, user } = await requireAccessToken(cognito, accessToken);
  requireTracking(pool);
  return user;
}

/** Device calls in a pool that does not remember devices (guessed wording). */
export function requireTracking(pool: Pool) {
  const config = deviceConfiguration(pool);
  if (!config) {
    throw new ServiceError(
      'InvalidUserPoolConfigurationException',
      'Device tracking is not enabled for this user pool.',
    );
  }
  return config;
}

export function setRemembered(cognito: CognitoIdp, user: UserRow, deviceKey: string, status?: string): void {
  const device = requireDevice(cognito, user, deviceKey);
  if (status !== undefined) saveDevice(cognito, { ...device, remembered: status === 'remembered' ? 1 : 0 });
}

/** ListDevices' page: 10 devices unless Limit says otherwise (the model allows up to 60). */
export function devicePage(
  cognito: CognitoIdp,
  user: UserRow,
  limit: number | undefined,
  token: string | undefined,
) {
  const size = limit === undefined || limit === 0 ? 10 : limit;
  const rows = devicesAfter(cognito, user, afterToken('devices', token), size);
  const { items, next } = page(rows, size, 'devices', (row) => row.device_key);
  return { Devices: items.map(deviceType), ...(next ? { PaginationToken: next } : {}) };
}
