package io.warren.bootstrap.testing;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.TracingBackend;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test kit's failing tracing core: throws at every call, as a bug in the core would, after
 * writing half a context into the headers of a publish. It declares every method of {@link
 * TracingBackend}, so none is a silent default ({@code FakeBackendsTest}).
 */
public class ThrowingBackend implements TracingBackend {

  /** How many calls it failed. */
  public final AtomicLong calls = new AtomicLong();

  private RuntimeException bug(String method) {
    calls.incrementAndGet();
    return new IllegalStateException("backend bug in " + method);
  }

  @Override
  public Object start(SpanStart span) {
    if (span.injectInto() != null) {
      span.injectInto().put("traceparent", "00-half-written");
    }
    throw bug("start");
  }

  @Override
  public Object startCurrent(SpanStart span) {
    throw bug("startCurrent");
  }

  @Override
  public void closeScope(Object handle) {
    throw bug("closeScope");
  }

  @Override
  public void recordException(Object handle, Throwable error) {
    throw bug("recordException");
  }

  @Override
  public void setAttribute(Object handle, SpanAttribute key, Object value) {
    throw bug("setAttribute");
  }

  @Override
  public void end(Object handle, Throwable error) {
    throw bug("end");
  }

  @Override
  public Object contextOf(Object handle) {
    throw bug("contextOf");
  }

  @Override
  public void fail(Object handle, String errorType, String description) {
    throw bug("fail");
  }

  @Override
  public boolean isContextIn(Object handle, Map<String, Object> carrier) {
    throw bug("isContextIn");
  }

  @Override
  public TraceIds currentTraceIds() {
    throw bug("currentTraceIds");
  }

  @Override
  public Object currentContext() {
    throw bug("currentContext");
  }

  @Override
  public Object attach(Object context) {
    throw bug("attach");
  }

  @Override
  public Object attachNone() {
    throw bug("attachNone");
  }

  @Override
  public void detach(Object scope) {
    throw bug("detach");
  }
}
