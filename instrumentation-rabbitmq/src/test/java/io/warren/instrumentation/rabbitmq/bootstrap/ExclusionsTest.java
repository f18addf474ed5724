package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.SpanStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExclusionsTest {

  @AfterEach
  void excludeNothing() {
    Exclusions.configure("", true);
  }

  @Test
  void globsMatchWholeNames() {
    Exclusions.configure(" audit.* , health?, logs ", true);
    assertTrue(Exclusions.isExcluded("audit.orders"));
    assertTrue(Exclusions.isExcluded("health1"));
    assertTrue(Exclusions.isExcluded("logs"));
    assertFalse(Exclusions.isExcluded("health12"));
    assertFalse(Exclusions.isExcluded("auditorders"), "a dot is a dot");
    assertFalse(Exclusions.isExcluded("my-logs"));
  }

  @Test
  void anExcludedDestinationPassesTheContextOnOrNothingWhenPropagationIsOff() {
    Exclusions.configure("audit", true);
    SpanStart passing = RabbitSpans.process("audit", "", "audit");
    assertTrue(passing.isContextOnly());
    passing.clear();
    SpanStart traced = RabbitSpans.process("orders", "", "orders");
    assertFalse(traced.isContextOnly() || traced.isSkipped());
    traced.clear();

    Exclusions.configure("audit", false);
    SpanStart skipped = RabbitSpans.publish("", "audit");
    assertTrue(skipped.isSkipped(), "on the default exchange the routing key is matched");
    skipped.clear();
  }
}
