package io.warren.smoketest.spring;

import java.util.List;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines the tests wait for and parse, one per event, on standard output; and one log line
 * per received message, through Boot's logging, as a service would write it.
 */
final class Out {
  private static final Logger LOG = LoggerFactory.getLogger(Out.class);

  private Out() {}

  static void line(String text) {
    System.out.println(text);
    System.out.flush();
  }

  static void sent(String id) {
    line("SENT " + id);
  }

  /** {@code CONFIRMED <id> <true: acked, false: nacked>}. */
  static void confirmed(String id, boolean ack) {
    line("CONFIRMED " + id + " " + ack);
  }

  /** {@code RECEIVED <id> <queue> <traceparent header or ->}. */
  static void received(Message message, String fallbackQueue) {
    MessageProperties properties = message.getMessageProperties();
    String queue = properties.getConsumerQueue() == null
        ? fallbackQueue : properties.getConsumerQueue();
    Object traceparent = properties.getHeaders().get("traceparent");
    line("RECEIVED " + properties.getMessageId() + " " + queue + " "
        + (traceparent == null ? "-" : traceparent));
    LOG.info("handled {}", properties.getMessageId());
  }

  static void receivedBody(String body, String queue) {
    line("RECEIVED " + Settings.idOfBody(body) + " " + queue + " -");
  }

  /** {@code BATCH <n> <size> <id,id,...>}. */
  static void batch(int number, List<String> ids) {
    line("BATCH " + number + " " + ids.size() + " " + String.join(",", ids));
  }

  static void reply(String id, Object reply) {
    line("REPLY " + id + " " + reply);
  }

  static void attempt(String id, int attempt) {
    line("ATTEMPT " + id + " " + attempt);
  }
}
