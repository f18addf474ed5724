package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class OtelSetupTest {

  private static String logOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return log.toString();
  }

  @Test
  void lostSpansAreReportedOnceWithTheirCauses() {
    String log = logOf(() -> OtelSetup.reportLosses(3, 2));
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("5 spans were not exported"), log);
    assertTrue(log.contains("3 dropped because the export queue"), log);
    assertTrue(log.contains("2 could not be sent to Zipkin"), log);
  }

  @Test
  void nothingIsSaidWhenNothingWasLost() {
    assertEquals("", logOf(() -> OtelSetup.reportLosses(0, 0)));
  }
}
