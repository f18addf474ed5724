package io.warren.agent.otel;

import io.opentelemetry.api.trace.SpanKind;

/** The messaging operations Warren records, with their semantic-convention names. */
enum Operation {
  PUBLISH("publish", "send", SpanKind.PRODUCER),
  PROCESS("process", "process", SpanKind.CONSUMER),
  RECEIVE("receive", "receive", SpanKind.CONSUMER);

  final String operationName;
  final String operationType;
  final SpanKind kind;

  Operation(String operationName, String operationType, SpanKind kind) {
    this.operationName = operationName;
    this.operationType = operationType;
    this.kind = kind;
  }
}
