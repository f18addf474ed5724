package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * Consumes {@code --count} messages (auto-ack); its handler throws a RuntimeException for the
 * message whose id is {@code --fail-id}. The connection's exception handler prints the exception
 * and keeps the channel open, so the remaining messages are still consumed.
 */
public final class FlakyConsumer {
  private FlakyConsumer() {}

  public static void main(String[] args) throws Exception {
    String failId = AppArgs.parse(args).require("fail-id");
    ConsumerRun.run("flaky-consumer", args, true, (channel, queue, delivered) ->
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(String consumerTag, Envelope envelope,
              AMQP.BasicProperties properties, byte[] body) {
            delivered.run();
            if (failId.equals(properties.getMessageId())) {
              System.out.println("FAILING " + failId);
              throw new IllegalStateException("refusing notification " + failId);
            }
            ConsumerRun.printReceived(properties, body);
          }
        }));
  }
}
