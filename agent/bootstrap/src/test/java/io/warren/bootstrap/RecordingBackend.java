package io.warren.bootstrap;

import java.util.ArrayList;
import java.util.List;

/** A backend that hands out numbered handles and records what happens to them. */
class RecordingBackend implements TracingBackend {

  record Ended(Object handle, Throwable error) {}

  final List<String> startedNames = new ArrayList<>();
  final List<Ended> ended = new ArrayList<>();
  /** The description each start was given, as the backend saw it (identity, not a copy). */
  final List<SpanStart> given = new ArrayList<>();
  private int next;

  @Override
  public Object start(SpanStart span) {
    given.add(span);
    startedNames.add(span.name());
    return "span-" + ++next;
  }

  @Override
  public Object startCurrent(SpanStart span) {
    return start(span);
  }

  @Override
  public void closeScope(Object handle) {}

  @Override
  public void recordException(Object handle, Throwable error) {}

  @Override
  public void setAttribute(Object handle, SpanAttribute key, Object value) {}

  @Override
  public void end(Object handle, Throwable error) {
    ended.add(new Ended(handle, error));
  }
}
