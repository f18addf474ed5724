package io.warren.smoketest.spring;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.DirectRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The roles of {@link SpringApp}, one Spring profile each. Only Spring AMQP and Spring Framework
 * API that Spring AMQP 3.2 and 4.0 share is used (no Boot auto-configuration classes, whose
 * packages moved in Boot 4), so the same source builds against both.
 */
final class Roles {
  private Roles() {}

  static MessagePostProcessor withId(String id) {
    return message -> {
      message.getMessageProperties().setMessageId(id);
      return message;
    };
  }

  /** Queues a consumer role reads from: its input (with dead-lettering if asked) and reply queue. */
  @Configuration
  static class Declarations {
    @Bean
    Declarables appQueues(Settings settings) {
      List<Declarable> queues = new ArrayList<>();
      if (!settings.in.isEmpty()) {
        Map<String, Object> arguments = new HashMap<>();
        if (!settings.deadLetterQueue.isEmpty()) {
          arguments.put("x-dead-letter-exchange", "");
          arguments.put("x-dead-letter-routing-key", settings.deadLetterQueue);
          queues.add(new Queue(settings.deadLetterQueue, true, false, false));
        }
        queues.add(new Queue(settings.in, true, false, false, arguments));
      }
      if (!settings.replyQueue.isEmpty()) {
        queues.add(new Queue(settings.replyQueue, true, false, false));
      }
      return new Declarables(queues);
    }

    @EventListener(ApplicationStartedEvent.class)
    public void ready() {
      Out.line("READY");
    }
  }

  /** Sends --app.count messages with RabbitTemplate.convertAndSend, then exits. */
  @Component
  @Profile("sender")
  static class Sender implements ApplicationRunner {
    private final RabbitTemplate template;
    private final Settings settings;
    private final Work work;

    Sender(RabbitTemplate template, Settings settings, Work work) {
      this.template = template;
      this.settings = settings;
      this.work = work;
    }

    @Override
    public void run(org.springframework.boot.ApplicationArguments args) {
      for (int n = 1; n <= settings.count; n++) {
        String id = settings.id(n);
        template.convertAndSend(settings.exchange, settings.out, Settings.body(id), withId(id));
        Out.sent(id);
        work.done();
      }
    }
  }

  /**
   * Publisher confirms (the role sets spring.rabbitmq.publisher-confirm-type=correlated): sends
   * --app.count messages with RabbitTemplate.convertAndSend and a CorrelationData each, waiting
   * for each one's confirm; then, with --app.full-queue=Q (a queue that holds one message and
   * rejects publishes beyond it), two more to Q, {@code <id-prefix>-full-1} (acked, fills Q) and
   * {@code <id-prefix>-full-2} (nacked). Prints {@code CONFIRMED <id> <ack>} per message.
   */
  @Component
  @Profile("confirms")
  static class ConfirmingSender implements ApplicationRunner {
    private final RabbitTemplate template;
    private final Settings settings;
    private final Work work;

    ConfirmingSender(RabbitTemplate template, Settings settings, Work work) {
      this.template = template;
      this.settings = settings;
      this.work = work;
    }

    @Override
    public void run(org.springframework.boot.ApplicationArguments args) throws Exception {
      for (int n = 1; n <= settings.count; n++) {
        sendConfirmed(settings.out, settings.id(n));
        work.done();
      }
      if (!settings.fullQueue.isEmpty()) {
        sendConfirmed(settings.fullQueue, settings.id("full-1"));
        sendConfirmed(settings.fullQueue, settings.id("full-2"));
      }
    }

    private void sendConfirmed(String routingKey, String id) throws Exception {
      CorrelationData correlation = new CorrelationData(id);
      template.convertAndSend(settings.exchange, routingKey, Settings.body(id), withId(id),
          correlation);
      Out.sent(id);
      CorrelationData.Confirm confirm = correlation.getFuture().get(20, TimeUnit.SECONDS);
      Out.confirmed(id, confirm.isAck());
    }
  }

  /**
   * @RabbitListener on Boot's default (simple) container: sleeps --app.sleep-ms, then sends
   * {@code <id>-relayed} on with RabbitTemplate.
   */
  @Component
  @Profile("relay")
  static class Relay {
    private final RabbitTemplate template;
    private final Settings settings;
    private final Work work;

    Relay(RabbitTemplate template, Settings settings, Work work) {
      this.template = template;
      this.settings = settings;
      this.work = work;
    }

    @RabbitListener(queues = "${app.in}")
    public void onMessage(Message message) {
      Out.received(message, settings.in);
      SpringApp.sleep(settings.sleepMs);
      String id = message.getMessageProperties().getMessageId() + "-relayed";
      template.convertAndSend(settings.exchange, settings.out, Settings.body(id), withId(id));
      Out.sent(id);
      work.done();
    }
  }

  @Configuration
  @Profile("sink")
  static class SinkContainer {
    @Bean
    DirectRabbitListenerContainerFactory directFactory(ConnectionFactory connectionFactory) {
      DirectRabbitListenerContainerFactory factory = new DirectRabbitListenerContainerFactory();
      factory.setConnectionFactory(connectionFactory);
      return factory;
    }
  }

  /** @RabbitListener on a direct container. */
  @Component
  @Profile("sink")
  static class Sink {
    private final Settings settings;
    private final Work work;

    Sink(Settings settings, Work work) {
      this.settings = settings;
      this.work = work;
    }

    @RabbitListener(queues = "${app.in}", containerFactory = "directFactory")
    public void onMessage(Message message) {
      Out.received(message, settings.in);
      work.done();
    }
  }

  @Configuration
  @Profile({"batch", "batch-strings"})
  static class BatchContainer {
    @Bean
    SimpleRabbitListenerContainerFactory batchFactory(
        ConnectionFactory connectionFactory, Settings settings) {
      SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
      factory.setConnectionFactory(connectionFactory);
      factory.setBatchListener(true);
      factory.setConsumerBatchEnabled(true);
      factory.setBatchSize(settings.batchSize);
      factory.setReceiveTimeout(1000L);
      factory.setPrefetchCount(Math.max(10, settings.batchSize * 2));
      return factory;
    }
  }

  /** Sends one follow-on message (id {@code <id-prefix>-<batch number>}) per batch. */
  abstract static class BatchBase {
    private final RabbitTemplate template;
    final Settings settings;
    private final Work work;
    private final AtomicInteger batches = new AtomicInteger();

    BatchBase(RabbitTemplate template, Settings settings, Work work) {
      this.template = template;
      this.settings = settings;
      this.work = work;
    }

    void batch(List<String> ids) {
      int number = batches.incrementAndGet();
      Out.batch(number, ids);
      String id = settings.id(number);
      template.convertAndSend(settings.exchange, settings.out,
          "batch " + number + ": " + String.join(",", ids), withId(id));
      Out.sent(id);
      ids.forEach(ignored -> work.done());
    }
  }

  /** A batch @RabbitListener taking {@code List<Message>}. */
  @Component
  @Profile("batch")
  static class Batch extends BatchBase {
    Batch(RabbitTemplate template, Settings settings, Work work) {
      super(template, settings, work);
    }

    @RabbitListener(queues = "${app.in}", containerFactory = "batchFactory")
    public void onBatch(List<Message> messages) {
      List<String> ids = new ArrayList<>();
      for (Message message : messages) {
        Out.received(message, settings.in);
        ids.add(message.getMessageProperties().getMessageId());
      }
      batch(ids);
    }
  }

  /** A batch @RabbitListener taking converted payloads, {@code List<String>}. */
  @Component
  @Profile("batch-strings")
  static class BatchStrings extends BatchBase {
    BatchStrings(RabbitTemplate template, Settings settings, Work work) {
      super(template, settings, work);
    }

    @RabbitListener(queues = "${app.in}", containerFactory = "batchFactory")
    public void onBatch(List<String> bodies) {
      List<String> ids = new ArrayList<>();
      for (String body : bodies) {
        Out.receivedBody(body, settings.in);
        ids.add(Settings.idOfBody(body));
      }
      batch(ids);
    }
  }

  /** Answers each request through the listener's return value (the request's reply-to). */
  @Component
  @Profile("rpc-server")
  static class RpcServer {
    private final Settings settings;
    private final Work work;

    RpcServer(Settings settings, Work work) {
      this.settings = settings;
      this.work = work;
    }

    @RabbitListener(queues = "${app.in}")
    public Message reply(Message request) {
      Out.received(request, settings.in);
      String id = request.getMessageProperties().getMessageId();
      String body = new String(request.getBody(), StandardCharsets.UTF_8);
      Message reply = MessageBuilder.withBody(("reply-to-" + body).getBytes(StandardCharsets.UTF_8))
          .setContentType("text/plain")
          .setMessageId(id + "-reply")
          .build();
      work.done();
      return reply;
    }
  }

  /** rpc-client-fixed: replies come to a fixed queue, read by a container the template listens to. */
  @Configuration
  @Profile("rpc-client-fixed")
  static class FixedReplyQueue {
    @Bean
    RabbitTemplate fixedReplyTemplate(ConnectionFactory connectionFactory, Settings settings) {
      RabbitTemplate template = new RabbitTemplate(connectionFactory);
      template.setReplyAddress(settings.replyQueue);
      template.setReplyTimeout(20_000);
      return template;
    }

    @Bean
    SimpleMessageListenerContainer replyContainer(
        ConnectionFactory connectionFactory, RabbitTemplate fixedReplyTemplate, Settings settings) {
      SimpleMessageListenerContainer container =
          new SimpleMessageListenerContainer(connectionFactory);
      container.setQueueNames(settings.replyQueue);
      container.setMessageListener(fixedReplyTemplate);
      return container;
    }
  }

  /**
   * --app.count calls of convertSendAndReceive: with Boot's template (direct reply-to) or, in
   * rpc-client-fixed, with the fixed reply queue's template.
   */
  @Component
  @Profile({"rpc-client", "rpc-client-fixed"})
  static class RpcClient implements ApplicationRunner {
    private final RabbitTemplate template;
    private final Settings settings;
    private final Work work;

    RpcClient(RabbitTemplate template, Settings settings, Work work) {
      this.template = template;
      this.settings = settings;
      this.work = work;
    }

    @Override
    public void run(org.springframework.boot.ApplicationArguments args) {
      for (int n = 1; n <= settings.count; n++) {
        String id = settings.id(n);
        Object reply = template.convertSendAndReceive(
            settings.exchange, settings.out, Settings.body(id), withId(id));
        Out.sent(id);
        if (reply == null) {
          throw new IllegalStateException("no reply to " + id);
        }
        Out.reply(id, reply);
        work.done();
      }
    }
  }

  /**
   * A listener that always throws, on Boot's default container with stateless retry
   * (--app.attempts attempts) and default-requeue-rejected=false: after the last attempt the
   * message is rejected and dead-lettered (declare --app.in with --app.dead-letter-queue).
   */
  @Component
  @Profile("failing")
  static class Failing {
    private final Work work;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    Failing(Work work) {
      this.work = work;
    }

    @RabbitListener(queues = "${app.in}")
    public void onMessage(Message message) {
      String id = message.getMessageProperties().getMessageId();
      int attempt = attempts.merge(id, 1, Integer::sum);
      Out.attempt(id, attempt);
      work.done();
      throw new IllegalStateException("failing on purpose: " + id + ", attempt " + attempt);
    }
  }

  /**
   * A @RabbitListener with manual acknowledgement (the role sets
   * spring.rabbitmq.listener.simple.acknowledge-mode=manual) that leaves each message to a worker
   * thread, which settles it --app.sleep-ms after the listener returned: {@code <prefix>-2} nack
   * without requeue, {@code <prefix>-3} reject with requeue and then its redelivery ack, any other
   * ack. Prints {@code SETTLED <id> <ack|nack|reject> redelivered=<bool>} after each settle.
   */
  @Component
  @Profile("manual-ack")
  static class ManualAck {
    private final Settings settings;
    private final Work work;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    ManualAck(Settings settings, Work work) {
      this.settings = settings;
      this.work = work;
    }

    @RabbitListener(queues = "${app.in}")
    public void onMessage(Message message, Channel channel) {
      Out.received(message, settings.in);
      MessageProperties properties = message.getMessageProperties();
      String id = properties.getMessageId();
      long tag = properties.getDeliveryTag();
      boolean redelivered = Boolean.TRUE.equals(properties.getRedelivered());
      worker.execute(() -> settleLater(channel, id, tag, redelivered));
    }

    private void settleLater(Channel channel, String id, long tag, boolean redelivered) {
      SpringApp.sleep(settings.sleepMs);
      try {
        String outcome;
        if (id.endsWith("-2")) {
          channel.basicNack(tag, false, false);
          outcome = "nack";
        } else if (id.endsWith("-3") && !redelivered) {
          channel.basicReject(tag, true);
          outcome = "reject";
        } else {
          channel.basicAck(tag, false);
          outcome = "ack";
        }
        Out.line("SETTLED " + id + " " + outcome + " redelivered=" + redelivered);
        if (!outcome.equals("reject")) {
          work.done();
        }
      } catch (IOException | RuntimeException e) {
        Out.line("FAILED settling " + id + ": " + e);
      }
    }
  }

  /**
   * RabbitTemplate.receive(queue, timeout) until --app.count messages came; with
   * --app.receive-timeout-ms=0, RabbitTemplate.receive(queue), which pulls with basic.get.
   */
  @Component
  @Profile("poller")
  static class Poller implements ApplicationRunner {
    private final RabbitTemplate template;
    private final Settings settings;
    private final Work work;

    Poller(RabbitTemplate template, Settings settings, Work work) {
      this.template = template;
      this.settings = settings;
      this.work = work;
    }

    @Override
    public void run(org.springframework.boot.ApplicationArguments args) {
      while (!work.isDone() && !work.deadlinePassed()) {
        Message message = settings.receiveTimeoutMs == 0
            ? template.receive(settings.in)
            : template.receive(settings.in, settings.receiveTimeoutMs);
        if (message != null) {
          Out.received(message, settings.in);
          work.done();
        }
      }
    }
  }

  /** A ChannelAwareMessageListener set directly on a SimpleMessageListenerContainer bean. */
  @Configuration
  @Profile("listener-container")
  static class PlainListenerContainer {
    @Bean
    SimpleMessageListenerContainer plainListenerContainer(
        ConnectionFactory connectionFactory, Settings settings, Work work) {
      SimpleMessageListenerContainer container =
          new SimpleMessageListenerContainer(connectionFactory);
      container.setQueueNames(settings.in);
      container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
        Out.received(message, settings.in);
        work.done();
      });
      return container;
    }
  }
}
