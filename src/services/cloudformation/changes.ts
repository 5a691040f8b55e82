// A change set's `Changes`: what deploying a prepared template would do to a stack's resources, as
// CloudFormation previews it (Add, Modify with Replacement True/False/Conditional and the properties
// concerned, Remove). Values that depend on a resource not made yet cannot be known, so a property that
// refers to one is a change whose replacement is Conditional, as CloudFormation reports it.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChange.html

import { isDeepStrictEqual } from 'node:util';
import { RESOURCE_SCHEMAS } from '../../core/generated/resource-schemas.js';
import type { DeployedResource } from './deployment.js';
import { availabilityZones, type PreparedTemplate } from './prepare.js';
import { type PseudoParameters, resolveValue } from './template/intrinsics.js';

export interface ResourceChange {
  Type: 'Resource';
  ResourceChange: {
    Action: 'Add' | 'Modify' | 'Remove';
    LogicalResourceId: string;
    PhysicalResourceId?: string;
    ResourceType: string;
    Replacement?: 'True' | 'False' | 'Conditional';
    Scope: string[];
    Details: {
      Target: { Attribute: 'Properties'; Name: string; RequiresRecreation: 'Never' | 'Always' };
      Evaluation: 'Static' | 'Dynamic';
      ChangeSource: 'DirectModification' | 'ResourceReference' | 'ResourceAttribute';
    }[];
  };
}

const UNKNOWN = '{{nimbus:unknown}}';

export function computeChanges(
  prepared: PreparedTemplate,
  current: ReadonlyMap<string, DeployedResource>,
  pseudo: PseudoParameters,
  importValue: (name: string) => unknown,
): ResourceChange[] {
  const changes: ResourceChange[] = [];
  const scope = {
    parameters: prepared.parameters,
    pseudo,
    mappings: prepared.template.Mappings,
    conditions: prepared.conditions,
    ref: (id: string) => current.get(id)?.physicalId ?? UNKNOWN,
    getAtt: (id: string, attribute: string) => current.get(id)?.attributes[attribute] ?? UNKNOWN,
    importValue,
    azs: (region: string) => availabilityZones(region || pseudo.region),
  };
  for (const logicalId of [...prepared.graph.keys()].sort()) {
    const declaration = prepared.template.Resources[logicalId]!;
    const before = current.get(logicalId);
    if (!before?.physicalId) {
      changes.push(change('Add', logicalId, declaration.Type, undefined, undefined, []));
      continue;
    }
    const properties = (resolveValue(declaration.Properties ?? {}, scope) ?? {}) as Record<string, unknown>;
    if (before.type === declaration.Type && isDeepStrictEqual(before.properties, properties)) continue;
    const createOnly = RESOURCE_SCHEMAS[declaration.Type]?.createOnly ?? [];
    const names = [...new Set([...Object.keys(before.properties), ...Object.keys(properties)])].filter(
      (name) => !isDeepStrictEqual(before.properties[name], properties[name]),
    );
    const details = names.sort().map((name) => {
      const unknown = JSON.stringify(properties[name] ?? null).includes(UNKNOWN);
      return {
        Target: {
          Attribute: 'Properties' as const,
          Name: name,
          RequiresRecreation: createOnly.some((path) => path.split('.')[0] === name)
            ? ('Always' as const)
            : ('Never' as const),
        },
        Evaluation: unknown ? ('Dynamic' as const) : ('Static' as const),
        ChangeSource: unknown ? ('ResourceReference' as const) : ('DirectModification' as const),
      };
    });
    const recreates = details.filter((d) => d.Target.RequiresRecreation === 'Always');
    const replacement =
      before.type !== declaration.Type
        ? 'True'
        : recreates.length === 0
          ? 'False'
          : recreates.every((d) => d.Evaluation === 'Dynamic')
            ? 'Conditional'
            : 'True';
    changes.push(change('Modify', logicalId, declaration.Type, before.physicalId, replacement, details));
  }
  for (const [logicalId, resource] of current) {
    if (!prepared.graph.has(logicalId)) {
      changes.push(change('Remove', logicalId, resource.type, resource.physicalId, undefined, []));
    }
  }
  return changes;
}

function change(
  action: 'Add' | 'Modify' | 'Remove',
  logicalId: string,
  type: string,
  physicalId: string | undefined,
  replacement: 'True' | 'False' | 'Conditional' | undefined,
  details: ResourceChange['ResourceChange']['Details'],
): ResourceChange {
  return {
    Type: 'Resource',
    ResourceChange: {
      Action: action,
      LogicalResourceId: logicalId,
      PhysicalResourceId: physicalId,
      ResourceType: type,
      Replacement: replacement,
      Scope: details.length > 0 ? ['Properties'] : [],
      Details: details,
    },
  };
}
