// PutParameter's rules for a version's attributes: the tier and the value sizes it allows, AllowedPattern,
// DataType and Policies.
// https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html
// https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-policies.html

import { ServiceError } from '../../../core/errors.js';
import { validation } from '../errors.js';

/** Standard parameters hold up to 4 KB, advanced ones 8 KB ("4096 characters" in AWS's message). */
const STANDARD_MAX = 4096;
const ADVANCED_MAX = 8192;
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
const POLICY_TYPES = ['Expiration', 'ExpirationNotification', 'NoChangeNotification'];

/** The tier the version gets: the one asked for, else the parameter's; Intelligent-Tiering picks
 * Advanced only when the value or policies need it. An advanced parameter never goes back to Standard. */
export function resolveTier(
  requested: string | undefined,
  previous: string | undefined,
  value: string,
  policies: string | null,
): string {
  const needsAdvanced = value.length > STANDARD_MAX || policies !== null || previous === 'Advanced';
  const tier =
    requested === 'Intelligent-Tiering'
      ? needsAdvanced
        ? 'Advanced'
        : 'Standard'
      : (requested ?? previous ?? 'Standard');
  if (tier === 'Standard' && previous === 'Advanced') {
    throw validation(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    );
  }
  if (tier === 'Standard' && value.length > STANDARD_MAX) {
    // Observed (github.com/aws/aws-sdk-net/issues/3157).
    throw validation(
      'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
  }
  if (tier === 'Standard' && policies !== null) {
    throw validation(
      'Standard tier parameters do not support parameter policies. Use the advanced-parameter tier, or remove the policies.',
    );
  }
  if (value.length > ADVANCED_MAX) {
    throw validation(
      `1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to ${ADVANCED_MAX}`,
    );
  }
  return tier;
}

/** AllowedPattern is a regular expression the whole value must match: the user guide's example rejects
 * 10000 against `\d{1,4}` with this message (param-create-cli.html). */
export function checkAllowedPattern(pattern: string | null, value: string): void {
  if (!pattern) return;
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    throw new ServiceError(
      'InvalidAllowedPatternException',
      'The request does not meet the regular expression requirement.',
    );
  }
  if (!regex.test(value)) {
    throw new ServiceError(
      'ParameterPatternMismatchException',
      `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
    );
  }
}

/** `text` (the default), `aws:ec2:image` (a String holding an AMI id) or `aws:ssm:integration`.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-ec2-aliases.html */
export function checkDataType(dataType: string, type: string, value: string): string {
  if (!DATA_TYPES.includes(dataType)) {
    throw validation(
      `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
    );
  }
  if (dataType === 'aws:ec2:image') {
    // AWS also checks that the image exists, asynchronously; Nimbus has no EC2, so only the format is checked.
    if (type !== 'String' || !/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value)) {
      throw validation(`Parameter value, ${value}, is not a valid image ID for data type aws:ec2:image.`);
    }
  }
  return dataType;
}

/** Policies: a JSON array of `{ Type, Version, Attributes }` of the three documented types. Stored and
 * returned; not run (see the README). */
export function checkPolicies(policies: string | null): string | null {
  if (policies === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(policies);
  } catch {
    parsed = undefined;
  }
  const list = Array.isArray(parsed) ? (parsed as { Type?: unknown }[]) : undefined;
  if (!list || list.some((policy) => !POLICY_TYPES.includes(String(policy?.Type)))) {
    throw new ServiceError(
      'InvalidPolicyTypeException',
      `The policy type is not supported. Valid policy types are: ${POLICY_TYPES.join(', ')}.`,
    );
  }
  return list.length > 0 ? policies : null;
}
