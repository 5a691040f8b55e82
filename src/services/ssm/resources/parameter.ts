// AWS::SSM::Parameter: a String or StringList parameter made with PutParameter, changed in place with an
// overwriting PutParameter and Add/RemoveTagsToResource; a new Name replaces it (create-only in the schema).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-parameter.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

export const parameter: ResourceType = {
  type: 'AWS::SSM::Parameter',
  // "Fn::GetAtt returns Type … and Value" (the template reference's return values).
  attributes: ['Type', 'Value'],

  async create(properties, ctx) {
    const Name = stringProperty(properties.Name) ?? generatedName(ctx);
    const tags = tagList(properties.Tags);
    await ctx.call('ssm', 'PutParameter', {
      ...putInput(properties),
      Name,
      Tags: tags.length > 0 ? tags : undefined,
    });
    return state(Name, properties);
  },

  async update(current, properties, previous, ctx) {
    const Name = current.physicalId;
    const input = putInput(properties);
    // Overwrite keeps attributes a request leaves out; a property taken out of the template is cleared.
    if (input.Description === undefined && previous.Description !== undefined) input.Description = '';
    if (input.AllowedPattern === undefined && previous.AllowedPattern !== undefined)
      input.AllowedPattern = '';
    await ctx.call('ssm', 'PutParameter', { ...input, Name, Overwrite: true });
    const now = tagList(properties.Tags);
    const removed = tagList(previous.Tags)
      .map((tag) => tag.Key)
      .filter((key) => !now.some((tag) => tag.Key === key));
    const target = { ResourceType: 'Parameter', ResourceId: Name };
    if (removed.length > 0) await ctx.call('ssm', 'RemoveTagsFromResource', { ...target, TagKeys: removed });
    if (now.length > 0) await ctx.call('ssm', 'AddTagsToResource', { ...target, Tags: now });
    return state(Name, properties);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('ssm', 'DeleteParameter', { Name: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ParameterNotFound'])) throw error;
    }
  },
};

/** The PutParameter members the template's properties give. */
function putInput(properties: ResourceProperties): Record<string, string | undefined> {
  return {
    Type: stringProperty(properties.Type),
    Value: stringProperty(properties.Value),
    Description: stringProperty(properties.Description),
    AllowedPattern: stringProperty(properties.AllowedPattern),
    Tier: stringProperty(properties.Tier),
    DataType: stringProperty(properties.DataType),
    Policies: stringProperty(properties.Policies),
  };
}

/** The template's `Tags` is a map (`{ team: orders }`), not CloudFormation's usual list. */
function tagList(tags: unknown): { Key: string; Value: string }[] {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return [];
  return Object.entries(tags as Record<string, unknown>).map(([Key, value]) => ({
    Key,
    Value: stringProperty(value) ?? '',
  }));
}

/** CloudFormation names an unnamed parameter `CFN-<logicalId>-<suffix>` (as it appears on AWS, e.g.
 * `CFN-MyParameter-AbC123xYz456`), not `<stack>-<logicalId>-<suffix>` as for most types. */
function generatedName(ctx: ResourceContext): string {
  const suffix = ctx.physicalName().slice(-12);
  return `CFN-${ctx.logicalId}-${suffix}`.slice(0, 1011 - 60);
}

/** Ref is the name; GetAtt Type and Value are what was put. */
function state(name: string, properties: ResourceProperties): ResourceState {
  return {
    physicalId: name,
    attributes: { Type: stringProperty(properties.Type), Value: stringProperty(properties.Value) },
  };
}
