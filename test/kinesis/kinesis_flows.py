"""Kinesis through boto3, as Python producers and consumers use it: run by test/kinesis/boto3.test.ts against a
fresh Nimbus (--endpoint URL); prints one JSON line with the failed expectations."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import Flow  # noqa: E402


def main():
    flow = Flow()
    kinesis = flow.client("kinesis")
    expect, error_code = flow.expect, flow.error_code

    kinesis.create_stream(StreamName="py", ShardCount=2)
    # boto3's waiter polls DescribeStream until ACTIVE.
    kinesis.get_waiter("stream_exists").wait(StreamName="py", WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    put = kinesis.put_record(StreamName="py", Data=b"\x00bytes\xff", PartitionKey="k")
    expect("sequence number digits", len(put["SequenceNumber"]), 56)
    batch = kinesis.put_records(StreamName="py", Records=[{"Data": f"r{i}".encode(), "PartitionKey": "k"} for i in range(5)])
    expect("failed count", batch["FailedRecordCount"], 0)
    iterator = kinesis.get_shard_iterator(StreamName="py", ShardId=put["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    records = kinesis.get_records(ShardIterator=iterator)["Records"]
    expect("data as bytes", [r["Data"] for r in records], [b"\x00bytes\xff"] + [f"r{i}".encode() for i in range(5)])
    expect("arrival is a datetime", type(records[0]["ApproximateArrivalTimestamp"]).__name__, "datetime")
    # NextToken alone names the stream on the next page (botocore's list_shards paginator sends StreamName with
    # it, which AWS refuses: "NextToken and StreamName cannot be provided together.").
    page = kinesis.list_shards(StreamName="py", MaxResults=1)
    shards = [s["ShardId"] for s in page["Shards"]]
    while page.get("NextToken"):
        page = kinesis.list_shards(NextToken=page["NextToken"], MaxResults=1)
        shards += [s["ShardId"] for s in page["Shards"]]
    expect("paginated shards", shards, ["shardId-000000000000", "shardId-000000000001"])
    names = [n for page in kinesis.get_paginator("list_streams").paginate() for n in page["StreamNames"]]
    expect("streams", names, ["py"])
    expect("not found", error_code(lambda: kinesis.describe_stream(StreamName="nope")), "ResourceNotFoundException")
    expect("bad iterator", error_code(lambda: kinesis.get_records(ShardIterator="AAAA")), "InvalidArgumentException")
    flow.report()


if __name__ == "__main__":
    main()
