package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A long-running producer and consumer pair in one process, each on its own connection with
 * automatic recovery (the client's default). Every {@code --interval-ms} it publishes one
 * persistent message {@code <--id-prefix>-<n>} to the durable {@code --queue} and waits for the
 * broker's confirm ({@code SENT-ID <id>}; a failed publish prints {@code PUBLISH-FAILED <id>} and
 * the next message gets a new id). The consumer acks each delivery ({@code RECEIVED-ID <id>}).
 * Connection recoveries print {@code RECOVERED <connection>}. When {@code --stop-file} exists it
 * stops publishing, waits until every confirmed message was received ({@code DONE}, exit 0) or
 * 30 s passed (exit 3).
 */
public final class SteadyTraffic {
  private SteadyTraffic() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.require("queue");
    String idPrefix = args.require("id-prefix");
    Path stopFile = Path.of(args.require("stop-file"));
    long interval = args.integer("interval-ms", 20);
    Set<String> confirmed = ConcurrentHashMap.newKeySet();
    Set<String> received = ConcurrentHashMap.newKeySet();
    try (Connection consuming = Rabbit.connect(args, "steady-consumer");
        Connection publishing = Rabbit.connect(args, "steady-producer")) {
      reportRecovery(consuming, "consumer");
      reportRecovery(publishing, "producer");
      Channel in = consuming.createChannel();
      Rabbit.declareQueue(in, queue);
      in.basicQos(20);
      in.basicConsume(queue, false, new DefaultConsumer(in) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props,
            byte[] body) throws IOException {
          System.out.println("RECEIVED-ID " + props.getMessageId());
          received.add(props.getMessageId());
          getChannel().basicAck(envelope.getDeliveryTag(), false);
        }
      });
      Channel out = publishing.createChannel();
      out.confirmSelect();
      for (int n = 1; !Files.exists(stopFile); n++) {
        String id = idPrefix + "-" + n;
        try {
          out.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(id)
              .deliveryMode(2).headers(Map.of("n", n)).build(),
              ("steady " + n).getBytes(StandardCharsets.UTF_8));
          out.waitForConfirmsOrDie(5_000);
          confirmed.add(id);
          System.out.println("SENT-ID " + id);
        } catch (Exception e) { // the broker is away; automatic recovery brings it back
          System.out.println("PUBLISH-FAILED " + id + " " + e);
        }
        Thread.sleep(interval);
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!received.containsAll(confirmed) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    boolean complete = received.containsAll(confirmed);
    System.out.println((complete ? "DONE" : "MISSING") + " confirmed=" + confirmed.size()
        + " received=" + received.size());
    if (!complete) {
      System.exit(3);
    }
  }

  private static void reportRecovery(Connection connection, String name) {
    ((Recoverable) connection).addRecoveryListener(new RecoveryListener() {
      @Override
      public void handleRecovery(Recoverable recoverable) {
        System.out.println("RECOVERED " + name);
      }

      @Override
      public void handleRecoveryStarted(Recoverable recoverable) {
        System.out.println("RECOVERING " + name);
      }
    });
  }
}
