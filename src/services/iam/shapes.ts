// Wire shapes several IAM operations share: the input members with the API reference's length limits and
// patterns (names.ts), and the output structures.
// IAM's query API uses non-flattened lists throughout: `Tags.member.1.Key`, `<Roles><member>…`.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Types.html

import { type Infer, s } from '../../core/shapes.js';
import { PATTERNS } from './names.js';

export const roleName = s.required(s.string({ min: 1, max: 64, pattern: PATTERNS.name }));
export const policyName = s.required(s.string({ min: 1, max: 128, pattern: PATTERNS.name }));
export const policyArn = s.required(s.string({ min: 20, max: 2048 }));
export const policyDocument = s.required(s.string({ min: 1, max: 131072 }));
export const path = s.optional(s.string({ min: 1, max: 512, pattern: PATTERNS.path }));
export const pathPrefix = s.optional(s.string({ min: 1, max: 512, pattern: PATTERNS.pathPrefix }));
export const versionId = s.required(s.string({ pattern: PATTERNS.versionId }));
export const description = s.optional(s.string({ max: 1000 }));
export const marker = s.optional(s.string({ min: 1, max: 320 }));
export const maxItems = s.optional(s.integer({ min: 1, max: 1000 }));

export const tag = s.structure({
  Key: s.required(s.string({ min: 1, max: 128 })),
  Value: s.required(s.string({ min: 0, max: 256 })),
});
export const tagList = s.list(tag, { max: 50 });
export type Tag = Infer<typeof tag>;

export const permissionsBoundary = s.structure({
  PermissionsBoundaryType: s.optional(s.string()),
  PermissionsBoundaryArn: s.optional(s.string()),
});

export const role = s.structure({
  Path: s.required(s.string()),
  RoleName: s.required(s.string()),
  RoleId: s.required(s.string()),
  Arn: s.required(s.string()),
  CreateDate: s.required(s.string()),
  AssumeRolePolicyDocument: s.optional(s.string()),
  Description: s.optional(s.string()),
  MaxSessionDuration: s.optional(s.integer()),
  PermissionsBoundary: s.optional(permissionsBoundary),
  Tags: s.optional(tagList),
  RoleLastUsed: s.optional(s.structure({ LastUsedDate: s.optional(s.string()) })),
});
export type RoleOutput = Infer<typeof role>;

export const policy = s.structure({
  PolicyName: s.optional(s.string()),
  PolicyId: s.optional(s.string()),
  Arn: s.optional(s.string()),
  Path: s.optional(s.string()),
  DefaultVersionId: s.optional(s.string()),
  AttachmentCount: s.optional(s.integer()),
  PermissionsBoundaryUsageCount: s.optional(s.integer()),
  IsAttachable: s.optional(s.boolean()),
  Description: s.optional(s.string()),
  CreateDate: s.optional(s.string()),
  UpdateDate: s.optional(s.string()),
  Tags: s.optional(tagList),
});
export type PolicyOutput = Infer<typeof policy>;

export const policyVersion = s.structure({
  Document: s.optional(s.string()),
  VersionId: s.optional(s.string()),
  IsDefaultVersion: s.optional(s.boolean()),
  CreateDate: s.optional(s.string()),
});
export type PolicyVersionOutput = Infer<typeof policyVersion>;

export const attachedPolicy = s.structure({
  PolicyName: s.optional(s.string()),
  PolicyArn: s.optional(s.string()),
});

/** The members every paginated IAM list answers with besides its items. */
export const truncation = {
  IsTruncated: s.optional(s.boolean()),
  Marker: s.optional(s.string()),
};
