// Step Functions' names: the ARNs of state machines, versions, aliases, executions, activities and map
// runs, and the rule every name follows.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html#StepFunctions-CreateStateMachine-request-name
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-executions.html

export function stateMachineArn(account: string, region: string, name: string): string {
  return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
}

export function activityArn(account: string, region: string, name: string): string {
  return `arn:aws:states:${region}:${account}:activity:${name}`;
}

/** A standard execution: `arn:aws:states:us-east-1:123456789012:execution:Orders:run-1`. */
export function executionArn(machine: string, name: string): string {
  const { account, region, name: machineName } = parseStateMachineArn(machine)!;
  return `arn:aws:states:${region}:${account}:execution:${machineName}:${name}`;
}

/** An express execution carries a UUID after its name, since express names need not be unique:
 * `arn:aws:states:us-east-1:123456789012:express:Orders:run-1:6a7b…`. */
export function expressExecutionArn(machine: string, name: string, id: string): string {
  const { account, region, name: machineName } = parseStateMachineArn(machine)!;
  return `arn:aws:states:${region}:${account}:express:${machineName}:${name}:${id}`;
}

export interface StateMachineArnParts {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  /** `:7` (a version number) or `:prod` (an alias name) after the name, if any. */
  readonly qualifier?: string;
}

const STATE_MACHINE_ARN =
  /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([^:]+)(?::([A-Za-z0-9_-]+))?$/;

export function parseStateMachineArn(arn: string): StateMachineArnParts | undefined {
  const match = STATE_MACHINE_ARN.exec(arn);
  if (!match) return undefined;
  return { region: match[1]!, account: match[2]!, name: match[3]!, qualifier: match[4] };
}

export interface ExecutionArnParts {
  readonly account: string;
  readonly region: string;
  readonly machineName: string;
  readonly name: string;
  readonly express: boolean;
}

const EXECUTION_ARN =
  /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):(execution|express):([^:]+):([^:]+)(?::[^:]+)?$/;

export function parseExecutionArn(arn: string): ExecutionArnParts | undefined {
  const match = EXECUTION_ARN.exec(arn);
  if (!match) return undefined;
  return {
    region: match[1]!,
    account: match[2]!,
    express: match[3] === 'express',
    machineName: match[4]!,
    name: match[5]!,
  };
}

/** The state machine an execution ARN belongs to (unqualified). */
export function machineOfExecution(arn: string): string | undefined {
  const parts = parseExecutionArn(arn);
  return parts && stateMachineArn(parts.account, parts.region, parts.machineName.split('/')[0]!);
}

/** "The name can be 1–80 characters long" and must not contain whitespace, brackets `< > { } [ ]`,
 * wildcards `? *`, special characters `" # % \ ^ | ~ ` $ & , ; : /` or control characters
 * (U+0000–001F, U+007F–009F). Executions, state machines, activities and aliases all follow it. */
export function isValidName(name: string): boolean {
  return name.length >= 1 && name.length <= 80 && !FORBIDDEN_IN_NAMES.test(name);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what the rule forbids.
const FORBIDDEN_IN_NAMES = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
