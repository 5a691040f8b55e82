// The stand-in for a resource type Nimbus does not serve, when the cloud was started with
// `--skip-unsupported` (`NIMBUS_SKIP_UNSUPPORTED=1`): it creates nothing, and its Ref and every
// Fn::GetAtt are placeholder strings, so a template with an unrelated resource (a CloudFront
// distribution, a WAF rule) still deploys what Nimbus can run. AWS has no such mode; it is for local use.

import type { ResourceType } from '../../../core/resources.js';

/** The value a placeholder's Ref (and, with `.attribute`, its GetAtt) resolves to. */
export function placeholderValue(logicalId: string, attribute?: string): string {
  return `nimbus-unsupported-${logicalId}${attribute ? `.${attribute}` : ''}`;
}

export function placeholderType(type: string, log: (message: string) => void): ResourceType {
  return {
    type,
    placeholder: true,
    async create(_properties, ctx) {
      log(
        `cloudformation: ${ctx.stackName}: ${ctx.logicalId} (${type}) is not served by Nimbus; skipped (--skip-unsupported)`,
      );
      return { physicalId: placeholderValue(ctx.logicalId), attributes: {} };
    },
    async update(state) {
      return state;
    },
    async delete() {},
  };
}
