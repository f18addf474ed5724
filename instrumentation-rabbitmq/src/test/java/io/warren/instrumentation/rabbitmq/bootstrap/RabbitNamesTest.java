package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RabbitNamesTest {

  /** RabbitNames keeps at most this many names. */
  private static final int MAX_CACHED = 1024;

  @Test
  void publishesToATopicExchangeHaveOneNameWhateverTheirRoutingKeys() {
    Set<String> names = new HashSet<>();
    for (int id = 0; id < 50; id++) {
      names.add(RabbitNames.publish("orders", "order." + id + ".created"));
    }
    assertEquals(Set.of("publish orders"), names);
  }

  @Test
  void onTheDefaultExchangeThePublishNamesTheRoutingKey() {
    assertEquals("publish amq.default:task_queue", RabbitNames.publish("", "task_queue"));
  }

  @Test
  void processAndReceiveNameTheQueue() {
    assertEquals("process billing", RabbitNames.process("billing", "orders", "order.1.created"));
    assertEquals("process task_queue", RabbitNames.process("task_queue", "", "task_queue"));
    assertEquals("receive billing", RabbitNames.receive("billing", "orders", "order.1.created"));
  }

  @Test
  void withoutAKnownQueueTheExchangeOrOnTheDefaultExchangeTheRoutingKey() {
    assertEquals("process orders", RabbitNames.process(null, "orders", "order.1.created"));
    assertEquals("process orders", RabbitNames.process("", "orders", "order.2.created"));
    assertEquals("process task_queue", RabbitNames.process(null, "", "task_queue"));
    assertEquals("receive task_queue", RabbitNames.receive(null, "", "task_queue"));
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
  void generatedNamesAreTemporary(String generated) {
    assertTrue(RabbitNames.isGenerated(generated));
    assertEquals("publish amq.default:(temporary)", RabbitNames.publish("", generated));
    assertEquals("process (temporary)", RabbitNames.process(generated, "events", "user.created"));
    assertEquals("process (temporary)", RabbitNames.process(null, "", generated));
    assertEquals("receive (temporary)", RabbitNames.receive(generated, "", generated));
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
  void namesChosenByPeopleAreKept(String name) {
    RabbitNames.publish(name, "any"); // an exchange spelled like the key below must not be confused with it
    assertFalse(RabbitNames.isGenerated(name));
    assertEquals("publish amq.default:" + name, RabbitNames.publish("", name));
    assertEquals("process " + name, RabbitNames.process(name, "", name));
  }

  @Test
  void theCacheStopsAtItsBoundAndItsCounterNeverWraps() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < MAX_CACHED + 500; i++) {
      String exchange = "ex-" + run + "-" + i;
      assertEquals("publish " + exchange, RabbitNames.publish(exchange, "k"));
    }
    assertEquals(MAX_CACHED, RabbitNames.cachedCount(), "full, and counted once per name kept");

    for (int i = 0; i < 20_000; i++) {
      String queue = "q-" + run + "-" + i;
      assertEquals("process " + queue, RabbitNames.process(queue, "", "k"));
      assertEquals("receive " + queue, RabbitNames.receive(queue, "", "k"));
    }
    assertEquals(MAX_CACHED, RabbitNames.cachedCount(), "names beyond the bound are built, not counted");
    assertEquals("publish amq.default:task_queue", RabbitNames.publish("", "task_queue"));
  }
}
