// AWS::Lambda::Function's Code as the Lambda API takes it. Inline source (`ZipFile`) is packaged as
// CloudFormation packages it: the text in a file named `index` with the runtime's extension (`index.js`
// for Node.js, `index.py` for Python), zipped, with the `cfn-response` module beside it for custom
// resources (`require('cfn-response')` in Node.js, `import cfnresponse` in Python). The module here is
// Nimbus's own, with the documented `send(event, context, responseStatus, responseData,
// physicalResourceId, noEcho, reason)`.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-code.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/cfn-lambda-function-code-cfnresponsemodule.html

import { zipSync } from 'fflate';
import { stringProperty } from '../../../core/resources.js';
import { defined, isObject, type Json } from './properties.js';

/** The Code members of CreateFunction / UpdateFunctionCode for the template's Code and Runtime. */
export function codeInput(code: unknown, runtime: string | undefined, where: string): Json {
  if (!isObject(code)) throw new Error(`${where}: Code is required`);
  const source = stringProperty(code.ZipFile);
  if (source !== undefined) return { ZipFile: inlinePackage(source, runtime, where) };
  return defined({
    S3Bucket: stringProperty(code.S3Bucket),
    S3Key: stringProperty(code.S3Key),
    S3ObjectVersion: stringProperty(code.S3ObjectVersion),
    ImageUri: stringProperty(code.ImageUri),
  });
}

/** Whether new code must be sent: the Code changed, or inline code's file name (its runtime family) did. */
export function codeChanged(
  code: unknown,
  before: unknown,
  runtime: string | undefined,
  runtimeBefore: string | undefined,
): boolean {
  if (JSON.stringify(code) !== JSON.stringify(before)) return true;
  return isObject(code) && code.ZipFile !== undefined && extension(runtime) !== extension(runtimeBefore);
}

function inlinePackage(source: string, runtime: string | undefined, where: string): Buffer {
  const ext = extension(runtime);
  if (!ext)
    throw new Error(
      `${where}: Code.ZipFile is for Node.js and Python runtimes (Runtime is ${runtime ?? 'not set'})`,
    );
  const files: Record<string, Uint8Array> = { [`index.${ext}`]: new TextEncoder().encode(source) };
  if (ext === 'js') files['node_modules/cfn-response/index.js'] = new TextEncoder().encode(NODE_CFN_RESPONSE);
  else files['cfnresponse.py'] = new TextEncoder().encode(PYTHON_CFN_RESPONSE);
  // A fixed timestamp, so the same source gives the same package (and CodeSha256) on every deploy.
  return Buffer.from(zipSync(files, { mtime: new Date('1980-01-01T00:00:00') }));
}

function extension(runtime: string | undefined): 'js' | 'py' | undefined {
  if (runtime?.startsWith('nodejs')) return 'js';
  if (runtime?.startsWith('python')) return 'py';
  return undefined;
}

// Sends a custom resource's response to its ResponseURL (a PUT with an empty content type, as the presigned
// URL expects), then ends a callback-style invocation with context.done, as CloudFormation's module does; the
// returned promise lets async handlers await it.
const NODE_CFN_RESPONSE = `'use strict';
// cfn-response as Nimbus provides it to functions whose code is inline in a template.
exports.SUCCESS = 'SUCCESS';
exports.FAILED = 'FAILED';
exports.send = function (event, context, responseStatus, responseData, physicalResourceId, noEcho, reason) {
  const body = JSON.stringify({
    Status: responseStatus,
    Reason: reason || 'See the details in CloudWatch Log Stream: ' + context.logStreamName,
    PhysicalResourceId: physicalResourceId || context.logStreamName,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: noEcho || false,
    Data: responseData,
  });
  const url = new URL(event.ResponseURL);
  const transport = url.protocol === 'http:' ? require('node:http') : require('node:https');
  return new Promise((resolve) => {
    const finish = () => {
      resolve();
      if (typeof context.done === 'function') context.done();
    };
    const request = transport.request(
      url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        console.log('Status code: ' + response.statusCode);
        response.resume();
        response.on('end', finish);
      },
    );
    request.on('error', (error) => {
      console.log('send(..) failed executing https.request(..): ' + error);
      finish();
    });
    request.end(body);
  });
};
`;

const PYTHON_CFN_RESPONSE = `# cfnresponse as Nimbus provides it to functions whose code is inline in a template.
import json
import urllib.request

SUCCESS = "SUCCESS"
FAILED = "FAILED"


def send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None):
    body = json.dumps({
        "Status": responseStatus,
        "Reason": reason or "See the details in CloudWatch Log Stream: " + str(context.log_stream_name),
        "PhysicalResourceId": physicalResourceId or context.log_stream_name,
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "NoEcho": noEcho,
        "Data": responseData,
    }).encode("utf-8")
    request = urllib.request.Request(
        event["ResponseURL"], data=body, method="PUT",
        headers={"content-type": "", "content-length": str(len(body))},
    )
    try:
        with urllib.request.urlopen(request) as response:
            print("Status code:", response.status)
    except Exception as e:
        print("send(..) failed executing http.request(..):", e)
`;
