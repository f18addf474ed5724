package io.warren.bootstrap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
