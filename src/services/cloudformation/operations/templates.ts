// GetTemplate, GetTemplateSummary and ValidateTemplate (what a template declares), and the stored stack
// policy (GetStackPolicy/SetStackPolicy: kept and returned, not enforced).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ValidateTemplate.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplateSummary.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cloudformation.js';
import type { ChangeSetRow } from '../store.js';
import { parseTemplate, type Template } from '../template/parse.js';
import { validateTemplate as checkTemplate } from '../template/validate.js';
import { operation, templateBody } from './operation.js';

export const getTemplate = operation({
  input: model.GetTemplateInput,
  output: model.GetTemplateOutput,
  run: (input, cfn, ctx) => {
    const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName ?? '');
    let body = stack.template;
    if (input.ChangeSetName !== undefined) {
      const changeSet = cfn.sql.changeSetByName.get(stack.stack_id, input.ChangeSetName) as
        | ChangeSetRow
        | undefined;
      if (!changeSet)
        throw new ServiceError('ChangeSetNotFound', `ChangeSet [${input.ChangeSetName}] does not exist`);
      body = (JSON.parse(changeSet.request) as { body: string }).body;
    }
    const template = parseTemplate(body);
    // The processed template is the original when no transform rewrote it.
    const processed = input.TemplateStage === 'Processed' && template.Transform !== undefined;
    return {
      TemplateBody: processed ? JSON.stringify(template) : body,
      StagesAvailable: ['Original', 'Processed'],
    };
  },
});

export const getTemplateSummary = operation({
  input: model.GetTemplateSummaryInput,
  output: model.GetTemplateSummaryOutput,
  run: async (input, cfn, ctx) => {
    const body =
      input.StackName !== undefined
        ? cfn.requireStack(ctx.account, ctx.region, input.StackName).template
        : await templateBody(input, cfn.callAs(ctx.account, ctx.region));
    const template = parseTemplate(body);
    return {
      ...declared(template),
      ResourceTypes: [...new Set(Object.values(template.Resources).map((r) => r.Type))],
      Version: template.AWSTemplateFormatVersion ?? '2010-09-09',
      Metadata: template.Metadata ? JSON.stringify(template.Metadata) : undefined,
      ResourceIdentifierSummaries: undefined,
    };
  },
});

export const validateTemplate = operation({
  input: model.ValidateTemplateInput,
  output: model.ValidateTemplateOutput,
  run: async (input, cfn, ctx) => {
    const template = parseTemplate(await templateBody(input, cfn.callAs(ctx.account, ctx.region)));
    checkTemplate(template, () => undefined);
    const { Parameters, ...rest } = declared(template);
    return {
      ...rest,
      Parameters: Parameters?.map(({ ParameterType: _type, ParameterConstraints: _constraints, ...p }) => p),
    };
  },
});

export const getStackPolicy = operation({
  input: model.GetStackPolicyInput,
  output: model.GetStackPolicyOutput,
  run: (input, cfn, ctx) => {
    const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName);
    return { StackPolicyBody: stack.stack_policy ?? undefined };
  },
});

export const setStackPolicy = operation({
  input: model.SetStackPolicyInput,
  run: async (input, cfn, ctx) => {
    const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName);
    const body =
      input.StackPolicyBody ??
      (input.StackPolicyURL
        ? await templateBody({ TemplateURL: input.StackPolicyURL }, cfn.callAs(ctx.account, ctx.region))
        : undefined);
    if (body === undefined) {
      throw new ServiceError(
        'ValidationError',
        'Either Stack Policy URL or Stack Policy Body must be specified.',
      );
    }
    try {
      JSON.parse(body);
    } catch {
      throw new ServiceError('ValidationError', 'Error validating stack policy: Invalid stack policy');
    }
    cfn.sql.setStackPolicy.run(body, stack.stack_id);
    return undefined;
  },
});

/** What ValidateTemplate and GetTemplateSummary both report: parameters, description, capabilities. */
function declared(template: Template) {
  const iam = [...new Set(Object.values(template.Resources).map((r) => r.Type))].filter((type) =>
    type.startsWith('AWS::IAM::'),
  );
  const named = Object.values(template.Resources).some(
    (r) =>
      r.Type.startsWith('AWS::IAM::') &&
      ['RoleName', 'ManagedPolicyName', 'UserName', 'GroupName'].some((p) => r.Properties?.[p] !== undefined),
  );
  const transforms = template.Transform === undefined ? [] : [template.Transform].flat().map(String);
  const parameters = Object.entries(template.Parameters ?? {});
  return {
    Parameters:
      parameters.length > 0
        ? parameters.map(([key, p]) => ({
            ParameterKey: key,
            DefaultValue: p.Default === undefined ? undefined : String(p.Default),
            ParameterType: p.Type,
            NoEcho: p.NoEcho === true || p.NoEcho === 'true',
            Description: p.Description,
            ParameterConstraints: p.AllowedValues ? { AllowedValues: p.AllowedValues.map(String) } : {},
          }))
        : undefined,
    Description: template.Description,
    Capabilities: iam.length > 0 ? [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'] : undefined,
    CapabilitiesReason:
      iam.length > 0 ? `The following resource(s) require capabilities: [${iam.join(', ')}]` : undefined,
    DeclaredTransforms: transforms.length > 0 ? transforms : undefined,
  };
}
