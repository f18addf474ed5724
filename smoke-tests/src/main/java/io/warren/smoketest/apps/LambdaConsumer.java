package io.warren.smoketest.apps;

/** Like {@link Notifications}, but consumes with a {@code DeliverCallback} lambda. */
public final class LambdaConsumer {
  private LambdaConsumer() {}

  public static void main(String[] args) throws Exception {
    ConsumerRun.run("lambda-consumer", args, false, (channel, queue, delivered) ->
        channel.basicConsume(queue, false,
            (consumerTag, delivery) -> {
              ConsumerRun.printReceived(delivery.getProperties(), delivery.getBody());
              channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
              delivered.run();
            },
            consumerTag -> System.out.println("CANCELLED " + consumerTag)));
  }
}
