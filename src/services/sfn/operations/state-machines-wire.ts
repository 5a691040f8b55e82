// The wire forms of the registry's rows: DescribeStateMachine's answer for a machine or a version, and
// the parsed settings and tags several operations answer with.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html

import type { Tag } from '../registry/settings.js';
import type { StateMachineRow, VersionRow } from '../registry/store.js';
import { epochSeconds } from './operation.js';

/** DescribeStateMachine of a machine or one of its versions. A version answers its own ARN, creation
 * date, revision and description. `METADATA_ONLY` leaves the definition out, as AWS does for callers
 * that cannot decrypt it. A machine never updated has no revisionId on AWS. */
export function stateMachineDescription(
  machine: StateMachineRow,
  version: VersionRow | undefined,
  includedData: string | undefined,
): Record<string, unknown> {
  const revision = version ?? machine;
  return {
    stateMachineArn: version?.arn ?? machine.arn,
    name: machine.name,
    status: machine.status,
    ...(includedData === 'METADATA_ONLY' ? {} : { definition: revision.definition }),
    roleArn: revision.role_arn,
    type: machine.type,
    creationDate: epochSeconds(revision.created_at),
    loggingConfiguration: JSON.parse(revision.logging),
    tracingConfiguration: JSON.parse(revision.tracing),
    encryptionConfiguration: JSON.parse(revision.encryption),
    ...(revision.revision_id ? { revisionId: revision.revision_id } : {}),
    ...(version?.description ? { description: version.description } : {}),
  };
}

export function stateMachineListItem(machine: StateMachineRow): Record<string, unknown> {
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    type: machine.type,
    creationDate: epochSeconds(machine.created_at),
  };
}

export function tagsOf(row: { tags: string }): Tag[] {
  return JSON.parse(row.tags) as Tag[];
}
