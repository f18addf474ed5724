package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.MessageDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpanNamesTest {

  @Test
  void defaultExchangeIsNamedAmqDefault() {
    assertEquals("publish amq.default:task_queue", name(Operation.PUBLISH, "", "task_queue", null));
    assertEquals("publish amq.default:task_queue", name(Operation.PUBLISH, null, "task_queue", null));
  }

  @Test
  void namedExchangeAndRoutingKey() {
    assertEquals("publish orders:eu.created", name(Operation.PUBLISH, "orders", "eu.created", null));
  }

  @Test
  void emptyRoutingKeyIsLeftOut() {
    assertEquals("publish logs", name(Operation.PUBLISH, "logs", "", null));
    assertEquals("process logs:audit", name(Operation.PROCESS, "logs", "", "audit"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "amq.gen-JzTY20BRgKO-HjmUJj0wLg",
        "amq.rabbitmq.reply-to.g1h2AA5yZXBseUAxNzA1",
        "spring.gen-8tm3oJ8lRw2xD0LyTpTTgA",
        "3f0c1a52-9b7e-4d0e-8c6a-2f5b9e1d7a44",
        "3F0C1A52-9B7E-4D0E-8C6A-2F5B9E1D7A44"
      })
  void generatedRoutingKeysAreTemporary(String routingKey) {
    assertEquals("publish amq.default:(temporary)", name(Operation.PUBLISH, "", routingKey, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "task_queue",
        "amq.direct",
        "3f0c1a52-9b7e-4d0e-8c6a-2f5b9e1d7a4", // 35 characters
        "3f0c1a52-9b7e-4d0e-8c6a-2f5b9e1d7a4g", // not hex
        "3f0c1a529b7e-4d0e-8c6a-2f5b9e1d7a44-" // dashes misplaced
      })
  void namesChosenByPeopleAreKept(String routingKey) {
    assertFalse(SpanNames.isGenerated(routingKey));
    assertEquals("publish amq.default:" + routingKey, name(Operation.PUBLISH, "", routingKey, null));
  }

  @Test
  void queueIsAppendedOnlyWhenItDiffersFromTheRoutingKey() {
    assertEquals("process amq.default:task_queue", name(Operation.PROCESS, "", "task_queue", "task_queue"));
    assertEquals(
        "process orders:eu.created:billing", name(Operation.PROCESS, "orders", "eu.created", "billing"));
    assertEquals("process orders:eu.created", name(Operation.PROCESS, "orders", "eu.created", ""));
  }

  @Test
  void generatedQueueIsTemporary() {
    assertTrue(SpanNames.isGenerated("amq.gen-abc"));
    assertEquals(
        "receive events:user.created:(temporary)",
        name(Operation.RECEIVE, "events", "user.created", "amq.gen-4kVfQzmk3Zmh7QbB0yJzxA"));
  }

  private static String name(Operation operation, String exchange, String routingKey, String queue) {
    return SpanNames.of(operation, new MessageDetails(exchange, routingKey, null, -1).withQueue(queue));
  }
}
