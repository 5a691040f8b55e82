// AWS::Logs::LogStream: a log stream made with CreateLogStream. Both properties are create-only, so
// any change replaces it and there is no update.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-logstream.html

import { isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';

/** Log stream names are at most 512 characters. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html */
const MAX_NAME = 512;

export const logStream: ResourceType = {
  type: 'AWS::Logs::LogStream',

  async create(properties, ctx) {
    const logStreamName =
      stringProperty(properties.LogStreamName) ?? ctx.physicalName({ maxLength: MAX_NAME });
    await ctx.call('cloudwatch-logs', 'CreateLogStream', {
      logGroupName: stringProperty(properties.LogGroupName),
      logStreamName,
    });
    // Ref is the stream's name.
    return { physicalId: logStreamName, attributes: {} };
  },

  async delete(current, properties, ctx) {
    try {
      await ctx.call('cloudwatch-logs', 'DeleteLogStream', {
        logGroupName: stringProperty(properties.LogGroupName),
        logStreamName: current.physicalId,
      });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};
