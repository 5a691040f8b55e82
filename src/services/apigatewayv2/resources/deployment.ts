// AWS::ApiGatewayV2::Deployment: CreateDeployment (with StageName, the stage then serves it) and
// DeleteDeployment; any change makes a new deployment, as Nimbus serves no UpdateDeployment. A deployment
// a stage still serves is left to go with its API (a stack's Deployment usually depends on its Stage, so
// it is deleted first). Ref and GetAtt DeploymentId are its id.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-deployment.html

import { childResource } from './child.js';

export const deployment = childResource({
  type: 'AWS::ApiGatewayV2::Deployment',
  noun: 'Deployment',
  updatable: false,
  properties: ['Description', 'StageName'],
  deleteTolerates: ['BadRequestException'],
});
