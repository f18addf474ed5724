package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;

/**
 * The shared life of the producing sample applications: connect, declare {@code --queue}, turn on
 * publisher confirms, publish, wait for the confirms, close and return normally.
 */
final class ProducerRun {
  private ProducerRun() {}

  interface Body {
    void publish(Channel channel, String queue, AppArgs args) throws IOException;
  }

  static void run(String appName, String[] argv, Body body) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String queue = args.get("queue", "task_queue");
    try (Connection connection = Rabbit.connect(args, appName)) {
      Channel channel = connection.createChannel();
      Rabbit.declareQueue(channel, queue);
      channel.confirmSelect();
      body.publish(channel, queue, args);
      channel.waitForConfirmsOrDie(10_000);
    }
    System.out.println("DONE");
  }

  /** Publishes and prints {@code SENT <Wire description>}. */
  static void publish(Channel channel, String exchange, String routingKey,
      AMQP.BasicProperties props, byte[] body) throws IOException {
    channel.basicPublish(exchange, routingKey, props, body);
    System.out.println("SENT " + Wire.describe(
        props == null ? null : props.getMessageId(), body,
        props == null ? null : props.getHeaders()));
  }
}
