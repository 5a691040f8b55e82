// AWS::Events::Archive: CreateArchive on the SourceArn bus (the template's EventPattern object as JSON text);
// an update changes the description, pattern and retention in place. Ref is the archive name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-archive.html

import { isNotFound, numberProperty, type ResourceType, stringProperty } from '../../../core/resources.js';

export const archive: ResourceType = {
  type: 'AWS::Events::Archive',

  async create(properties, ctx) {
    // Archive names are at most 48 characters.
    const ArchiveName = stringProperty(properties.ArchiveName) ?? ctx.physicalName({ maxLength: 48 });
    const { ArchiveArn } = await ctx.call('eventbridge', 'CreateArchive', {
      ArchiveName,
      EventSourceArn: stringProperty(properties.SourceArn),
      Description: stringProperty(properties.Description),
      EventPattern: stringProperty(properties.EventPattern),
      RetentionDays: numberProperty(properties.RetentionDays),
      KmsKeyIdentifier: stringProperty(properties.KmsKeyIdentifier),
    });
    return { physicalId: ArchiveName, attributes: { Arn: String(ArchiveArn) } };
  },

  async update(state, properties, _previous, ctx) {
    await ctx.call('eventbridge', 'UpdateArchive', {
      ArchiveName: state.physicalId,
      // UpdateArchive keeps what it is not given: the defaults are sent for what the template dropped
      // (no description, RetentionDays 0 = kept forever). A dropped EventPattern cannot be cleared so.
      Description: stringProperty(properties.Description) ?? '',
      EventPattern: stringProperty(properties.EventPattern),
      RetentionDays: numberProperty(properties.RetentionDays) ?? 0,
      KmsKeyIdentifier: stringProperty(properties.KmsKeyIdentifier),
    });
    return state;
  },

  async delete(state, _properties, ctx) {
    try {
      await ctx.call('eventbridge', 'DeleteArchive', { ArchiveName: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};
