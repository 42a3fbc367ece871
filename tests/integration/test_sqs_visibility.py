"""Handing messages back to SQS for a while (moto)."""

from __future__ import annotations

import boto3
from moto import mock_aws

from booking.adapters.sqs import SqsVisibility


@mock_aws
def test_delay_sets_the_visibility_of_every_received_message() -> None:
    sqs = boto3.client("sqs", region_name="us-east-1")
    url = sqs.create_queue(QueueName="clubos-events", Attributes={"VisibilityTimeout": "900"})[
        "QueueUrl"
    ]
    for n in range(12):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{n}")
    received = []
    while len(received) < 12:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        received += got
    assert len(received) == 12

    assert sqs.receive_message(QueueUrl=url).get("Messages", []) == []  # in flight for 900 s

    # Twelve handles: two ChangeMessageVisibilityBatch calls of at most ten.
    SqsVisibility(url, client=sqs).delay([m["ReceiptHandle"] for m in received], 0)

    again = []
    for _ in range(5):
        again += sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    assert sorted(m["Body"] for m in again) == sorted(m["Body"] for m in received)
