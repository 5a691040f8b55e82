"""CloudWatch through boto3 (which speaks smithy RPC v2 CBOR to it here): run by test/cloudwatch/boto3.test.ts
against a fresh Nimbus (--endpoint URL); puts and reads metrics, pages ListMetrics, alarms on the clock and
raises the awsQuery-compatible error codes; prints one JSON line with the failed expectations."""

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import Flow  # noqa: E402


def main():
    flow = Flow()
    cw = flow.client("cloudwatch")
    expect, error_code = flow.expect, flow.error_code
    expect("protocol", cw.meta.service_model.protocol, "smithy-rpc-v2-cbor")

    now = datetime.now(timezone.utc).replace(second=0, microsecond=0) - timedelta(minutes=10)
    cw.put_metric_data(
        Namespace="Py",
        MetricData=[
            {"MetricName": "Latency", "Dimensions": [{"Name": "Api", "Value": "orders"}], "Timestamp": now,
             "Values": [10.0, 20.0, 30.0, 40.0], "Counts": [1.0, 1.0, 1.0, 1.0], "Unit": "Milliseconds"},
        ],
    )
    stats = cw.get_metric_statistics(
        Namespace="Py", MetricName="Latency", Dimensions=[{"Name": "Api", "Value": "orders"}],
        StartTime=now, EndTime=now + timedelta(minutes=1), Period=60, Statistics=["Average", "Maximum"],
    )
    point = stats["Datapoints"][0]
    expect("average", point["Average"], 25.0)
    expect("maximum", point["Maximum"], 40.0)
    expect("timestamp is a datetime", point["Timestamp"], now)
    data = cw.get_metric_data(
        StartTime=now, EndTime=now + timedelta(minutes=1),
        MetricDataQueries=[
            {"Id": "p", "MetricStat": {"Metric": {"Namespace": "Py", "MetricName": "Latency",
                                                  "Dimensions": [{"Name": "Api", "Value": "orders"}]},
                                       "Period": 60, "Stat": "p50"}},
            {"Id": "double", "Expression": "p * 2"},
        ],
    )
    results = {r["Id"]: r for r in data["MetricDataResults"]}
    expect("p50", results["p"]["Values"], [20.0])
    expect("expression", results["double"]["Values"], [40.0])
    expect("status", results["p"]["StatusCode"], "Complete")

    cw.put_metric_data(Namespace="Many", MetricData=[{"MetricName": f"m{i}", "Value": 1.0} for i in range(600)])
    names = [m["MetricName"] for page in cw.get_paginator("list_metrics").paginate(Namespace="Many") for m in page["Metrics"]]
    expect("paginated metrics", len(names), 600)

    cw.put_metric_alarm(
        AlarmName="py-high", Namespace="Py", MetricName="Latency", Dimensions=[{"Name": "Api", "Value": "orders"}],
        Statistic="Maximum", Period=86400, EvaluationPeriods=1, Threshold=35.0, ComparisonOperator="GreaterThanThreshold",
    )
    # SetAlarmState lasts until the next evaluation (API_SetAlarmState.html): a one-day period keeps the
    # next one (at the end of the UTC day) from racing the read below.
    cw.set_alarm_state(AlarmName="py-high", StateValue="ALARM", StateReason="by hand")
    alarm = cw.describe_alarms(AlarmNames=["py-high"])["MetricAlarms"][0]
    expect("state", alarm["StateValue"], "ALARM")
    expect("updated is a datetime", isinstance(alarm["StateUpdatedTimestamp"], datetime), True)

    expect("bad period", error_code(lambda: cw.get_metric_statistics(
        Namespace="Py", MetricName="Latency", StartTime=now, EndTime=now + timedelta(minutes=5),
        Period=45, Statistics=["Sum"])), "InvalidParameterValue")
    expect("unknown alarm", error_code(lambda: cw.set_alarm_state(
        AlarmName="nope", StateValue="OK", StateReason="x")), "ResourceNotFound")
    expect("unknown dashboard", error_code(lambda: cw.get_dashboard(DashboardName="nope")), "ResourceNotFound")
    flow.report()


if __name__ == "__main__":
    main()
