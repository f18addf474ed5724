package io.warren.bootstrap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import io.warren.bootstrap.NoopBackend;
import org.junit.jupiter.api.Test;

/** The kit's fakes cover every method of TracingBackend, and the checks themselves can fail. */
class FakeBackendsTest {

  @Test
  void theRecordingBackendDeclaresEveryMethod() {
    FakeBackends.assertDeclaresEveryMethod(RecordingBackend.class);
  }

  @Test
  void theThrowingBackendDeclaresEveryMethodAndFailsAtEachCall() {
    FakeBackends.assertDeclaresEveryMethod(ThrowingBackend.class);
    ThrowingBackend backend = new ThrowingBackend();

    FakeBackends.assertThrowsAtEveryCall(backend);

    assertEquals(FakeBackends.backendMethods().size(), backend.calls.get(), "every failure is counted");
    assertEquals(FakeBackends.backendMethods().size(), backend.failed.size(), "by method: " + backend.failed);
  }

  @Test
  void aBackendThatLeavesDefaultsInPlaceFailsTheChecks() {
    AssertionError undeclared =
        assertThrows(AssertionError.class, () -> FakeBackends.assertDeclaresEveryMethod(NoopBackend.class));
    assertTrue(undeclared.getMessage().contains("currentTraceIds"), undeclared.getMessage());
    AssertionError silent =
        assertThrows(AssertionError.class, () -> FakeBackends.assertThrowsAtEveryCall(new RecordingBackend()));
    assertTrue(silent.getMessage().contains("attachNone"), silent.getMessage());
  }

  @Test
  void theRecordingMetricsBackendKeepsMeasurementsAndRefusesAnInstrumentOfTheOtherKind() {
    RecordingMetricsBackend backend = new RecordingMetricsBackend();
    MetricInstrument counter = MetricInstrument.counter("c", "{message}", "a counter");
    MetricInstrument histogram = MetricInstrument.histogram("h", "s", "a histogram");
    MetricAttributes queue = MetricAttributes.of("q", "orders");

    backend.add(counter, queue, 2, "span-1");
    backend.record(histogram, queue, 0.5, null);

    assertEquals(2, backend.count("c", "q", "orders"));
    assertEquals(0, backend.count("c", "q", "other"));
    assertEquals("span-1", backend.of("c").get(0).span());
    assertEquals(0.5, backend.of("h").get(0).value());
    assertThrows(IllegalStateException.class, () -> backend.record(counter, queue, 1, null));
    assertThrows(IllegalStateException.class, () -> backend.add(histogram, queue, 1, null));
    assertThrows(IllegalStateException.class, () -> backend.add(counter, queue, -1, null));
    assertEquals(3, backend.misuses.size(), backend.misuses::toString);
    assertEquals(2, backend.measurements.size(), "misuses are not kept as measurements");
  }
}
