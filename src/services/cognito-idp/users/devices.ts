// A user's devices as the pool tracks them: the device key and group key a sign-in hands out
// (NewDeviceMetadata), the SRP verifier ConfirmDevice stores, the remembered status, and DeviceType as
// GetDevice and ListDevices answer it.
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceType.html

import { randomBytes, randomUUID } from 'node:crypto';
import { epochSeconds } from '../../../core/clock.js';
import { ServiceError } from '../../../core/errors.js';
import type { CognitoIdp, Pool } from '../cognito.js';
import { regionOfPool } from '../names.js';
import type { DeviceRow, UserRow } from '../store.js';

export interface DeviceConfiguration {
  ChallengeRequiredOnNewDevice?: boolean;
  DeviceOnlyRememberedOnUserPrompt?: boolean;
}

/** "When you provide a value for any property of DeviceConfiguration, you activate the device remembering
 * for the user pool." (API_DeviceConfigurationType) */
export function deviceConfiguration(pool: Pool): DeviceConfiguration | undefined {
  const config = pool.doc.DeviceConfiguration as DeviceConfiguration | undefined;
  if (!config) return undefined;
  return config.ChallengeRequiredOnNewDevice !== undefined ||
    config.DeviceOnlyRememberedOnUserPrompt !== undefined
    ? config
    : undefined;
}

export function deviceNotFound(): ServiceError {
  return new ServiceError('ResourceNotFoundException', 'Device does not exist.');
}

/** A new device key (`<region>_<uuid>`, the model's pattern) and group key for a sign-in's result. */
export function issueDevice(
  cognito: CognitoIdp,
  user: UserRow,
): { DeviceKey: string; DeviceGroupKey: string } {
  const now = cognito.clock.now();
  const row = {
    device_key: `${regionOfPool(user.pool_id)}_${randomUUID()}`,
    pool_id: user.pool_id,
    username_key: user.username_key,
    group_key: `-${randomBytes(6).toString('base64url')}`,
    created_at: now,
    modified_at: now,
    authenticated_at: now,
  };
  cognito.sql.insertDevice.run(row);
  return { DeviceKey: row.device_key, DeviceGroupKey: row.group_key };
}

/** The device if it is this user's; `confirmed` asks for one that ConfirmDevice has completed. */
export function findDevice(
  cognito: CognitoIdp,
  user: UserRow,
  deviceKey: string,
  confirmed = true,
): DeviceRow | undefined {
  const row = cognito.sql.device.get(deviceKey) as DeviceRow | undefined;
  if (!row || row.pool_id !== user.pool_id || row.username_key !== user.username_key) return undefined;
  return confirmed && row.confirmed !== 1 ? undefined : row;
}

export function requireDevice(cognito: CognitoIdp, user: UserRow, deviceKey: string): DeviceRow {
  const row = findDevice(cognito, user, deviceKey);
  if (!row) throw deviceNotFound();
  return row;
}

export function saveDevice(cognito: CognitoIdp, row: DeviceRow): DeviceRow {
  const saved = { ...row, modified_at: cognito.clock.now() };
  cognito.sql.updateDevice.run(saved);
  return saved;
}

export function forgetDevice(cognito: CognitoIdp, row: DeviceRow): void {
  cognito.sql.deleteDevice.run(row.device_key);
}

/** One page of the user's confirmed devices after `afterKey`, one row beyond `limit` to tell if more follow. */
export function devicesAfter(
  cognito: CognitoIdp,
  user: UserRow,
  afterKey: string,
  limit: number,
): DeviceRow[] {
  return cognito.sql.devicesAfter.all(user.pool_id, user.username_key, afterKey, limit + 1) as DeviceRow[];
}

/** DeviceType: AWS lists the device's status, name, remembered status and last IP as attributes. */
export function deviceType(row: DeviceRow): Record<string, unknown> {
  return {
    DeviceKey: row.device_key,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      ...(row.name !== null ? [{ Name: 'device_name', Value: row.name }] : []),
      {
        Name: 'dev:device_remembered_status',
        Value: row.remembered === 1 ? 'remembered' : 'not_remembered',
      },
      ...(row.last_ip !== null ? [{ Name: 'last_ip_used', Value: row.last_ip }] : []),
    ],
    DeviceCreateDate: epochSeconds(row.created_at),
    DeviceLastModifiedDate: epochSeconds(row.modified_at),
    DeviceLastAuthenticatedDate: epochSeconds(row.authenticated_at),
  };
}
