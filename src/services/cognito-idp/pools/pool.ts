// A user pool as DescribeUserPool answers it, built from CreateUserPool's request with AWS's defaults,
// and the rules of its password policy.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html

import { ServiceError } from '../../../core/errors.js';
import { poolSchema, type SchemaAttribute } from './schema.js';

/** The pool document: UserPoolType's members, as stored and answered (dates as epoch milliseconds). */
export interface PoolDoc {
  Id: string;
  Name: string;
  Arn: string;
  Policies: { PasswordPolicy: PasswordPolicy; SignInPolicy?: Record<string, unknown> };
  DeletionProtection: string;
  LambdaConfig: LambdaConfig;
  SchemaAttributes: SchemaAttribute[];
  AutoVerifiedAttributes?: string[];
  AliasAttributes?: string[];
  UsernameAttributes?: string[];
  UsernameConfiguration?: { CaseSensitive?: boolean };
  VerificationMessageTemplate: Record<string, string>;
  EmailVerificationMessage?: string;
  EmailVerificationSubject?: string;
  SmsVerificationMessage?: string;
  SmsAuthenticationMessage?: string;
  MfaConfiguration: string;
  AdminCreateUserConfig: {
    AllowAdminCreateUserOnly: boolean;
    UnusedAccountValidityDays?: number;
    InviteMessageTemplate?: Record<string, string>;
  };
  AccountRecoverySetting?: { RecoveryMechanisms: { Priority: number; Name: string }[] };
  UserAttributeUpdateSettings?: { AttributesRequireVerificationBeforeUpdate: string[] };
  CreationDate: number;
  LastModifiedDate: number;
  [member: string]: unknown;
}

export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  PasswordHistorySize?: number;
  TemporaryPasswordValidityDays: number;
}

/** Trigger name → function ARN (`PreSignUp`, `PreTokenGeneration`, …); the V2 forms as objects. */
export type LambdaConfig = Record<string, unknown>;

/** Members of CreateUserPool's request that the pool keeps as given. */
const KEPT = [
  'AutoVerifiedAttributes',
  'AliasAttributes',
  'UsernameAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'SmsAuthenticationMessage',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'UserPoolAddOns',
  'UsernameConfiguration',
  'AccountRecoverySetting',
  'UserAttributeUpdateSettings',
  'UserPoolTier',
] as const;

export function newPoolDoc(
  input: Record<string, unknown>,
  ids: { id: string; arn: string },
  now: number,
): PoolDoc {
  const doc: PoolDoc = {
    Id: ids.id,
    Name: input.PoolName as string,
    Arn: ids.arn,
    Policies: policiesOf(input.Policies),
    DeletionProtection: (input.DeletionProtection as string | undefined) ?? 'INACTIVE',
    LambdaConfig: (input.LambdaConfig as LambdaConfig | undefined) ?? {},
    SchemaAttributes: poolSchema(input.Schema as Partial<SchemaAttribute>[] | undefined),
    VerificationMessageTemplate: {
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
      ...(input.VerificationMessageTemplate as Record<string, string> | undefined),
    },
    MfaConfiguration: (input.MfaConfiguration as string | undefined) ?? 'OFF',
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
      ...(input.AdminCreateUserConfig as Record<string, unknown> | undefined),
    },
    EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    UserPoolTier: 'ESSENTIALS',
    CreationDate: now,
    LastModifiedDate: now,
  };
  const open: Record<string, unknown> = doc;
  for (const member of KEPT) if (input[member] !== undefined) open[member] = input[member];
  return doc;
}

/** UpdateUserPool replaces the settings it names and resets the ones it leaves out to their defaults, as
 * AWS documents ("If you don't provide a value for an attribute, it is set to its default value");
 * identity (name, schema, username attributes) is kept. */
export function updatedPoolDoc(doc: PoolDoc, input: Record<string, unknown>, now: number): PoolDoc {
  const fresh = newPoolDoc(
    { ...input, PoolName: input.PoolName ?? doc.Name },
    { id: doc.Id, arn: doc.Arn },
    now,
  );
  return {
    ...fresh,
    SchemaAttributes: doc.SchemaAttributes,
    ...(doc.UsernameAttributes ? { UsernameAttributes: doc.UsernameAttributes } : {}),
    ...(doc.AliasAttributes ? { AliasAttributes: doc.AliasAttributes } : {}),
    ...(doc.UsernameConfiguration ? { UsernameConfiguration: doc.UsernameConfiguration } : {}),
    // SetUserPoolMfaConfig's factors are not UpdateUserPool's to reset.
    ...Object.fromEntries(
      (['SoftwareTokenMfaConfiguration', 'EmailMfaConfiguration', 'SmsMfaConfiguration'] as const)
        .filter((member) => doc[member] !== undefined)
        .map((member) => [member, doc[member]]),
    ),
    CreationDate: doc.CreationDate,
  };
}

function policiesOf(policies: unknown): PoolDoc['Policies'] {
  const given = (policies as { PasswordPolicy?: Partial<PasswordPolicy>; SignInPolicy?: unknown }) ?? {};
  return {
    PasswordPolicy: {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
      ...given.PasswordPolicy,
    },
    SignInPolicy: (given.SignInPolicy as Record<string, unknown>) ?? {
      AllowedFirstAuthFactors: ['PASSWORD'],
    },
  };
}

/** Usernames compare case-insensitively unless the pool says otherwise (new pools default to
 * insensitive since 2020: UsernameConfiguration). */
export function usernameKey(doc: PoolDoc, username: string): string {
  return doc.UsernameConfiguration?.CaseSensitive === true ? username : username.toLowerCase();
}

/** The symbols a password policy counts ("^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + -"
 * and the space). */
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** InvalidPasswordException in AWS's words for the first rule the password breaks. */
export function checkPassword(policy: PasswordPolicy, password: string): void {
  const broken =
    password.length < policy.MinimumLength
      ? 'Password not long enough'
      : policy.RequireUppercase && !/[A-Z]/.test(password)
        ? 'Password must have uppercase characters'
        : policy.RequireLowercase && !/[a-z]/.test(password)
          ? 'Password must have lowercase characters'
          : policy.RequireNumbers && !/[0-9]/.test(password)
            ? 'Password must have numeric characters'
            : policy.RequireSymbols && !SYMBOLS.test(password)
              ? 'Password must have symbol characters'
              : undefined;
  if (broken) {
    throw new ServiceError('InvalidPasswordException', `Password did not conform with policy: ${broken}`);
  }
}

/** A password AdminCreateUser makes when none is given: one that meets any policy. */
export function temporaryPassword(random: () => string): string {
  return `${random()}Aa1!`;
}
