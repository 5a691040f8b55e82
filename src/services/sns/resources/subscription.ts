// AWS::SNS::Subscription: one subscription made with Subscribe, its attributes changed in place with
// SetSubscriptionAttributes.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-subscription.html

import {
  booleanProperty,
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

/** Properties that are subscription attributes of the same name, and what a removed one goes back to
 * (`''` clears an attribute, as SetSubscriptionAttributes documents for FilterPolicy). */
const ATTRIBUTES: Readonly<Record<string, string>> = {
  DeliveryPolicy: '',
  // The scope before the policy: an update sets them in this order.
  FilterPolicyScope: 'MessageAttributes',
  FilterPolicy: '',
  RawMessageDelivery: 'false',
  RedrivePolicy: '',
  ReplayPolicy: '',
  SubscriptionRoleArn: '',
};

export const subscription: ResourceType = {
  type: 'AWS::SNS::Subscription',

  async create(properties, ctx) {
    checkRegion(properties, ctx);
    const { SubscriptionArn } = await ctx.call('sns', 'Subscribe', {
      TopicArn: stringProperty(properties.TopicArn),
      Protocol: stringProperty(properties.Protocol),
      Endpoint: stringProperty(properties.Endpoint),
      Attributes: subscriptionAttributes(properties),
      // Without it a pending (http, email) subscription answers "pending confirmation", not its ARN.
      ReturnSubscriptionArn: true,
    });
    return state(String(SubscriptionArn));
  },

  async update(current, properties, previous, ctx) {
    checkRegion(properties, ctx);
    const SubscriptionArn = current.physicalId;
    const now = subscriptionAttributes(properties);
    const before = subscriptionAttributes(previous);
    const set = (AttributeName: string, AttributeValue: string) =>
      ctx.call('sns', 'SetSubscriptionAttributes', { SubscriptionArn, AttributeName, AttributeValue });
    const changed = Object.keys(ATTRIBUTES).filter((name) => now[name] !== before[name]);
    // SNS checks the filter policy against the scope on every change: when both change, the old policy is
    // cleared first, then the new scope is set, then the new policy, so neither meets the other's old value.
    if (changed.includes('FilterPolicy') && changed.includes('FilterPolicyScope') && before.FilterPolicy) {
      await set('FilterPolicy', '');
    }
    for (const name of changed) await set(name, now[name] ?? ATTRIBUTES[name]);
    return state(SubscriptionArn);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('sns', 'Unsubscribe', { SubscriptionArn: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['NotFound'])) throw error;
    }
  },
};

function subscriptionAttributes(properties: ResourceProperties): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of Object.keys(ATTRIBUTES)) {
    const raw = properties[name];
    const value = name === 'RawMessageDelivery' ? booleanProperty(raw) : stringProperty(raw);
    if (value !== undefined) attributes[name] = String(value);
  }
  return attributes;
}

/** `Region` subscribes to a topic of another region; in-process calls are made in the stack's region only. */
function checkRegion(properties: ResourceProperties, ctx: ResourceContext): void {
  const region = stringProperty(properties.Region);
  if (region !== undefined && region !== ctx.region) {
    throw new Error(`AWS::SNS::Subscription: Region ${region} (other than the stack's) is not supported`);
  }
}

/** Ref and GetAtt Arn are both the subscription's ARN. */
function state(SubscriptionArn: string) {
  return { physicalId: SubscriptionArn, attributes: { Arn: SubscriptionArn } };
}
