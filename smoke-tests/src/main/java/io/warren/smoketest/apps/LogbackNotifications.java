package io.warren.smoketest.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@link LoggingNotifications} through SLF4J and Logback (whichever version the class path
 * holds) with Logback's asynchronous appender: the same lines, {@code LOG
 * trace_id|span_id|trace_flags|app.user|message}. Its code knows nothing of tracing. With
 * {@code --mailer=<base URL>} it notifies the customer from its handler, before it logs:
 * {@code POST <mailer>/send} with {@code java.net.http.HttpClient}, printing {@code MAILED <message
 * id> <status>} or {@code MAIL-FAILED <message id> <exception>}.
 */
public final class LogbackNotifications {
  private LogbackNotifications() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("logback.configurationFile", "warren-smoke-logback.xml");
    Logger log = LoggerFactory.getLogger("notifications");
    MDC.put("app.user", "main");
    log.info("starting");
    String mailer = AppArgs.parse(args).get("mailer", null);
    HttpClient http = mailer == null ? null : HttpClient.newHttpClient();
    ConsumerRun.run("logback-notifications", args, false, (channel, queue, delivered) ->
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(String consumerTag, Envelope envelope,
              AMQP.BasicProperties properties, byte[] body) throws IOException {
            MDC.put("app.user", "handler");
            if (mailer != null) {
              mail(http, mailer, properties.getMessageId());
            }
            log.info("handled {}", properties.getMessageId());
            getChannel().basicAck(envelope.getDeliveryTag(), false);
            delivered.run();
          }
        }));
    // Stopping Logback's context makes the asynchronous appender write what it still holds;
    // LoggerContext is Logback's, which this code does not compile against.
    Object context = LoggerFactory.getILoggerFactory();
    context.getClass().getMethod("stop").invoke(context);
  }

  private static void mail(HttpClient http, String mailer, String messageId) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(mailer + "/send"))
        .POST(HttpRequest.BodyPublishers.ofString("back in stock, as asked in " + messageId))
        .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      System.out.println("MAILED " + messageId + " " + status);
    } catch (IOException | InterruptedException e) {
      System.out.println("MAIL-FAILED " + messageId + " " + e.getClass().getName());
    }
  }
}
