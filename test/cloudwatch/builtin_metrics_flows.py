"""The built-in metrics through boto3: run by test/cloudwatch/builtin-metrics-boto3.test.ts against a fresh
Nimbus (--endpoint URL). Sends SQS messages, advances the clock past the minute's sample, and reads AWS/SQS
back with get_metric_statistics, get_metric_data and the list_metrics paginator; prints one JSON line with the
failed expectations.
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html"""

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import Flow  # noqa: E402


def main():
    flow = Flow()
    sqs, cw = flow.client("sqs"), flow.client("cloudwatch")
    expect = flow.expect
    url = sqs.create_queue(QueueName="py-metered")["QueueUrl"]
    for body in ["a", "bb", "ccc"]:
        sqs.send_message(QueueUrl=url, MessageBody=body)
    flow.advance(120_000)

    # The cloud clock moved two minutes ahead of this machine's: read a window around both.
    now = datetime.now(timezone.utc)
    window = {"StartTime": now - timedelta(hours=1), "EndTime": now + timedelta(minutes=10)}
    queue = [{"Name": "QueueName", "Value": "py-metered"}]
    sent = cw.get_metric_statistics(
        Namespace="AWS/SQS", MetricName="NumberOfMessagesSent", Dimensions=queue, Period=4200,
        Statistics=["Sum"], **window,
    )["Datapoints"]
    expect("sent", [p["Sum"] for p in sent], [3.0])
    expect("unit", [p["Unit"] for p in sent], ["Count"])
    data = cw.get_metric_data(
        MetricDataQueries=[
            {"Id": "visible", "MetricStat": {"Metric": {"Namespace": "AWS/SQS",
                                                        "MetricName": "ApproximateNumberOfMessagesVisible",
                                                        "Dimensions": queue},
                                             "Period": 4200, "Stat": "Maximum"}},
            {"Id": "size", "MetricStat": {"Metric": {"Namespace": "AWS/SQS", "MetricName": "SentMessageSize",
                                                     "Dimensions": queue},
                                          "Period": 4200, "Stat": "Average"}},
        ],
        **window,
    )
    results = {r["Id"]: r["Values"] for r in data["MetricDataResults"]}
    expect("visible", results["visible"], [3.0])
    expect("average size", results["size"], [2.0])
    names = sorted(
        m["MetricName"]
        for page in cw.get_paginator("list_metrics").paginate(Namespace="AWS/SQS", Dimensions=queue)
        for m in page["Metrics"]
    )
    for name in ["ApproximateAgeOfOldestMessage", "ApproximateNumberOfMessagesVisible", "NumberOfMessagesSent",
                 "SentMessageSize"]:
        expect(f"listed {name}", name in names, True)
    expect("AWS/ namespaces are the services' own", flow.error_code(lambda: cw.put_metric_data(
        Namespace="AWS/SQS", MetricData=[{"MetricName": "NumberOfMessagesSent", "Value": 1.0}])),
        "InvalidParameterValue")
    flow.report()


if __name__ == "__main__":
    main()
