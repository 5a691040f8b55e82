// AWS service integrations of HTTP APIs (AWS_PROXY with an IntegrationSubtype): the request parameters
// each subtype requires. Calling the services from the execute-api endpoint is not served yet (README).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html

export const SUBTYPE_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  'SQS-SendMessage': ['QueueUrl', 'MessageBody'],
  'SQS-ReceiveMessage': ['QueueUrl'],
  'SQS-DeleteMessage': ['QueueUrl', 'ReceiptHandle'],
  'EventBridge-PutEvents': ['Detail', 'DetailType', 'Source'],
  'Kinesis-PutRecord': ['StreamName', 'Data', 'PartitionKey'],
  'StepFunctions-StartExecution': ['StateMachineArn'],
  'StepFunctions-StartSyncExecution': ['StateMachineArn'],
};
