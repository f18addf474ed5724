package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * {@link Notifications} with a Log4j2 logger and an asynchronous appender: logs one line before
 * consuming (no span is current) and one per delivery from its handler ({@code LOG
 * trace_id|span_id|trace_flags|app.user|message}), with an entry of its own in the ThreadContext.
 * Its code knows nothing of tracing; the agent puts the ids in.
 */
public final class LoggingNotifications {
  private LoggingNotifications() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("log4j2.configurationFile", "warren-smoke-log4j2.xml");
    Logger log = LogManager.getLogger("notifications");
    ThreadContext.put("app.user", "main");
    log.info("starting");
    ConsumerRun.run("logging-notifications", args, false, (channel, queue, delivered) ->
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(String consumerTag, Envelope envelope,
              AMQP.BasicProperties properties, byte[] body) throws IOException {
            ThreadContext.put("app.user", "handler");
            log.info("handled {}", properties.getMessageId());
            getChannel().basicAck(envelope.getDeliveryTag(), false);
            delivered.run();
          }
        }));
    LogManager.shutdown(); // the asynchronous appender writes what it still holds
  }
}
