# Nimbus's Python runtime: the loop every Lambda Python execution environment runs. It imports the
# handler named by _HANDLER from LAMBDA_TASK_ROOT, then asks the Runtime API for invocations and answers
# each, as AWS's own runtime interface client does.
# https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
# https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html

import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
# The function's layers, unpacked where Nimbus keeps them: /opt on AWS (handlers naming /opt literally
# can read NIMBUS_OPT_DIR instead).
OPT_DIR = os.environ.get("NIMBUS_OPT_DIR")
connection = http.client.HTTPConnection(API)


def path_aliases():
    """Host paths and the ones AWS shows in their place: the code directory as /var/task (when Nimbus
    sets _NIMBUS_SHOWN_TASK_ROOT, for deployed packages), this runtime as /var/runtime and the standard
    library as /var/lang/lib/pythonX.Y."""
    aliases = []
    shown_task_root = os.environ.get("_NIMBUS_SHOWN_TASK_ROOT")
    if shown_task_root:
        for root in {TASK_ROOT, os.path.realpath(TASK_ROOT)}:
            aliases.append((root, shown_task_root))
    if OPT_DIR and os.environ.get("_NIMBUS_SHOWN_OPT_DIR"):
        for root in {OPT_DIR, os.path.realpath(OPT_DIR)}:
            aliases.append((root, os.environ["_NIMBUS_SHOWN_OPT_DIR"]))
    aliases.append((os.path.dirname(os.path.abspath(__file__)), "/var/runtime"))
    # The standard library, where AWS's Python runtimes keep it.
    aliases.append((os.path.dirname(os.__file__), "/var/lang/lib/python%d.%d" % sys.version_info[:2]))
    # Longest first, so a code directory inside another aliased one is not taken for it.
    return sorted(aliases, key=lambda alias: -len(alias[0]))


ALIASES = path_aliases()


def shown(text):
    for host, aws in ALIASES:
        text = text.replace(host, aws)
    return text


def stack_trace(error):
    return [shown(line) for line in traceback.format_list(traceback.extract_tb(error.__traceback__))]


def request(method, path, body=None, headers=None):
    global connection
    for attempt in (0, 1):
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response, response.read()
        except (http.client.HTTPException, ConnectionError):
            # A kept-alive connection the server closed: open a new one and try once more.
            connection.close()
            connection = http.client.HTTPConnection(API)
            if attempt == 1:
                raise


def error_payload(error, error_type=None):
    return {
        "errorMessage": shown(str(error)),
        "errorType": error_type or type(error).__name__,
        "requestId": "",
        "stackTrace": stack_trace(error) if error.__traceback__ else [],
    }


def init_error(error_type, message, error=None):
    message = shown(message)
    payload = {"errorMessage": message, "errorType": error_type, "requestId": "", "stackTrace": []}
    if error is not None and error.__traceback__:
        payload["stackTrace"] = stack_trace(error)
    print("[ERROR] %s: %s" % (error_type, message), flush=True)
    request("POST", "/2018-06-01/runtime/init/error", json.dumps(payload),
            {"Lambda-Runtime-Function-Error-Type": error_type})
    sys.exit(1)


def load_handler(name):
    module_name, _, function_name = name.rpartition(".")
    if not module_name:
        init_error("Runtime.MalformedHandlerName", "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % name)
    sys.path.insert(0, TASK_ROOT)
    add_layer_paths()
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ModuleNotFoundError as error:
        init_error("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, error), error)
    except SyntaxError as error:
        init_error("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, error), error)
    except Exception as error:  # noqa: BLE001 - any failure while importing is an init error
        init_error("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, error), error)
    handler = getattr(module, function_name, None)
    if handler is None:
        init_error("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


def add_layer_paths():
    """After /var/task, as on AWS: /opt/python/lib/python3.x/site-packages (a site directory, so its .pth
    files count; 3.x is the runtime's version, which the layer was built for) and /opt/python.
    https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths"""
    if not OPT_DIR:
        return
    runtime = os.environ.get("AWS_EXECUTION_ENV", "").replace("AWS_Lambda_", "")
    site_packages = os.path.join(OPT_DIR, "python", "lib", runtime, "site-packages")
    sys.path[1:1] = [site_packages, os.path.join(OPT_DIR, "python")]
    if os.path.isdir(site_packages):
        import site
        site.addsitedir(site_packages)


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.client_context = json.loads(client_context) if client_context else None
        self.identity = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


class RequestIdFilter(logging.Filter):
    request_id = None

    def filter(self, record):
        record.aws_request_id = RequestIdFilter.request_id
        return True


def configure_logging():
    # Lambda's default log format: "[LEVEL]\t<timestamp>\t<request id>\t<message>".
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(RequestIdFilter())
    logging.Formatter.converter = time.gmtime
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)


def main():
    configure_logging()
    handler = load_handler(os.environ.get("_HANDLER", "lambda_function.lambda_handler"))
    while True:
        response, body = request("GET", "/2018-06-01/runtime/invocation/next")
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        os.environ["_X_AMZN_TRACE_ID"] = response.getheader("Lambda-Runtime-Trace-Id") or ""
        RequestIdFilter.request_id = request_id
        context = LambdaContext(
            request_id,
            int(response.getheader("Lambda-Runtime-Deadline-Ms") or 0),
            response.getheader("Lambda-Runtime-Invoked-Function-Arn"),
            response.getheader("Lambda-Runtime-Client-Context"),
        )
        try:
            event = json.loads(body) if body else {}
            result = handler(event, context)
        except Exception as error:  # noqa: BLE001 - the function's failure is reported, not raised
            failure = error_payload(error)
            failure["requestId"] = request_id
            report_error(request_id, failure)
            continue
        try:
            payload = json.dumps(result)
        except (TypeError, ValueError) as error:
            # As awslambdaric reports a result JSON cannot express.
            report_error(request_id, {"errorMessage": "Unable to marshal response: %s" % error,
                                      "errorType": "Runtime.MarshalError", "requestId": request_id, "stackTrace": []})
            continue
        request("POST", "/2018-06-01/runtime/invocation/%s/response" % request_id, payload)


def report_error(request_id, failure):
    print("[ERROR] %s: %s" % (failure["errorType"], failure["errorMessage"]), flush=True)
    request("POST", "/2018-06-01/runtime/invocation/%s/error" % request_id, json.dumps(failure),
            {"Lambda-Runtime-Function-Error-Type": failure["errorType"]})


if __name__ == "__main__":
    main()
