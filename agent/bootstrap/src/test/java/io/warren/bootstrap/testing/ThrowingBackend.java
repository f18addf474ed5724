package io.warren.bootstrap.testing;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.TracingBackend;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test kit's failing tracing core, standing in for a bug inside the agent: throws at every
 * call (an {@link OutOfMemoryError} from {@link #recordException}, an {@link
 * IllegalStateException} from the others), after scribbling half a context on the headers of a
 * publish, as a half-done injection would. It declares every method of {@link TracingBackend},
 * so none is a silent default ({@code FakeBackendsTest}). The smoke tests' sabotaged
 * applications run with it too.
 */
public class ThrowingBackend implements TracingBackend {

  /** How many calls it failed. */
  public final AtomicLong calls = new AtomicLong();
  /** The names of the methods that were called (and failed), in alphabetical order. */
  public final Set<String> failed = new ConcurrentSkipListSet<>();

  private RuntimeException bug(String method) {
    called(method);
    return new IllegalStateException("backend bug in " + method);
  }

  private void called(String method) {
    calls.incrementAndGet();
    failed.add(method);
  }

  @Override
  public Object start(SpanStart span) {
    Map<String, Object> headers = span.injectInto();
    if (headers != null) {
      headers.put("traceparent", "00-half-written");
      headers.put("x-sabotage", "should never be published");
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
    called("recordException");
    throw new OutOfMemoryError("backend bug in recordException");
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
  public Object spanIn(Object context) {
    throw bug("spanIn");
  }

  @Override
  public Object contextWith(Object context, Object handle) {
    throw bug("contextWith");
  }

  @Override
  public TraceIds idsOf(Object handle) {
    throw bug("idsOf");
  }

  @Override
  public void updateName(Object handle, String name) {
    throw bug("updateName");
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

  @Override
  public void addEvent(Object handle, String name, Map<SpanAttribute, Object> attributes, long epochNanos) {
    throw bug("addEvent");
  }

  @Override
  public void setStatus(Object handle, String code, String description) {
    throw bug("setStatus");
  }

  @Override
  public Map<String, String> baggageIn(Object context) {
    throw bug("baggageIn");
  }

  @Override
  public Object contextWithBaggage(Object context, Map<String, String> baggage) {
    throw bug("contextWithBaggage");
  }

  @Override
  public Object contextWithExtra(Object context, Object extra) {
    throw bug("contextWithExtra");
  }

  @Override
  public Object extraIn(Object context) {
    throw bug("extraIn");
  }

  @Override
  public void inject(Object context, Map<String, Object> carrier) {
    carrier.put("traceparent", "00-half-written");
    throw bug("inject");
  }

  @Override
  public Object extract(Object context, Map<String, Object> carrier) {
    throw bug("extract");
  }

  @Override
  public Collection<String> propagationFields() {
    throw bug("propagationFields");
  }
}
