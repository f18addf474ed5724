package io.warren.instrumentation.rabbitmq;

import io.warren.bootstrap.MessageDetails;
import io.warren.bootstrap.MessagingTracer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A tracer that records what the advice reports, and marks published headers with an id. */
final class RecordingTracer implements MessagingTracer {

  static final String MARK = "x-test-span";

  record Call(String operation, MessageDetails message, String spanId, Throwable error) {}

  final List<Call> started = new CopyOnWriteArrayList<>();
  final List<Call> ended = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  @Override
  public Object startPublish(MessageDetails message) {
    String id = "span-" + ids.incrementAndGet();
    message.headers().put(MARK, id);
    started.add(new Call("publish", message, id, null));
    return id;
  }

  @Override
  public Object startProcess(MessageDetails message) {
    String id = "span-" + ids.incrementAndGet();
    started.add(new Call("process", message, id, null));
    return id;
  }

  @Override
  public void recordReceive(MessageDetails message, long startEpochNanos, Throwable error) {
    started.add(new Call("receive", message, "span-" + ids.incrementAndGet(), error));
  }

  @Override
  public void end(Object handle, Throwable error) {
    ended.add(new Call("end", null, (String) handle, error));
  }

  List<Call> started(String operation) {
    return started.stream().filter(c -> c.operation().equals(operation)).toList();
  }

  void clear() {
    started.clear();
    ended.clear();
  }
}
