// What an event source of a SAM function needs to know about the function it triggers: its logical id, how to refer
// to it (the alias when AutoPublishAlias is set), the resource attributes every generated resource inherits, and its
// generated role, to which pull sources add their policies.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html

import type { ResourceDeclaration } from '../../template/parse.js';
import type { RoleDraft } from './role.js';

export interface EventTarget {
  readonly functionId: string;
  /** `Ref` of the function or of its alias: FunctionName of permissions and mappings. */
  readonly name: unknown;
  /** `GetAtt F.Arn`, or `Ref` of the alias: what rules, subscriptions and notifications invoke. */
  readonly arn: unknown;
  /** Condition, DeletionPolicy and UpdateReplacePolicy of the function, copied onto what its events generate. */
  readonly attributes: Partial<ResourceDeclaration>;
  readonly role: RoleDraft | undefined;
  readonly partition: string;
  /** The template's resources as they are being translated (an S3 event edits its bucket in place). */
  readonly resources: Record<string, ResourceDeclaration>;
}

export type Generated = Record<string, ResourceDeclaration>;

export function generated(
  type: string,
  properties: Record<string, unknown>,
  target: EventTarget,
  extra: Partial<ResourceDeclaration> = {},
): ResourceDeclaration {
  return { Type: type, ...extra, ...target.attributes, Properties: properties };
}
