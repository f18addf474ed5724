package io.warren.instrumentation.springrabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.agent.api.InstrumentationModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/**
 * Plain Spring AMQP (no Boot) against the real broker, with the agent's modules installed in
 * this JVM and the spans it makes in {@link InProcessAgent#EXPORTER}. Each test gets its own
 * queue; containers it made are stopped and its queues deleted after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringBrokerTestBase {

  static final String EXECUTE_LISTENER =
      "org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer.executeListener";

  enum ContainerKind {
    SIMPLE("org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer.receiveAndExecute"),
    DIRECT("org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer$SimpleConsumer.handleDelivery");

    /** The container method that calls the listener and then acks or rejects the message. */
    final String settlingMethod;

    ContainerKind(String settlingMethod) {
      this.settlingMethod = settlingMethod;
    }
  }

  CachingConnectionFactory connectionFactory;
  RabbitAdmin admin;
  RabbitTemplate template;
  String queue;
  private final List<String> queues = new ArrayList<>();
  private final List<AbstractMessageListenerContainer> containers = new ArrayList<>();

  /** The modules this class runs with. */
  abstract InstrumentationModule[] modules();

  @BeforeAll
  void installAgentAndConnect() {
    // Before this class touches Spring AMQP or the client; classes already loaded by another
    // test class are retransformed.
    InProcessAgent.install(modules());
    connectionFactory = new CachingConnectionFactory(
        System.getProperty("warren.test.broker.host", "127.0.0.1"),
        Integer.getInteger("warren.test.broker.port", 5672));
    connectionFactory.setUsername("guest");
    connectionFactory.setPassword("guest");
    admin = new RabbitAdmin(connectionFactory);
    template = new RabbitTemplate(connectionFactory);
  }

  @AfterAll
  void disconnect() {
    connectionFactory.destroy();
  }

  @BeforeEach
  void freshQueue() {
    queue = declare(unique("warren-spring"), Map.of());
    InProcessAgent.EXPORTER.reset();
    InProcessAgent.FRAMES.clear();
  }

  @AfterEach
  void cleanUp() {
    containers.forEach(AbstractMessageListenerContainer::stop);
    containers.clear();
    queues.forEach(admin::deleteQueue);
    queues.clear();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  String declare(String name, Map<String, Object> arguments) {
    admin.declareQueue(new Queue(name, false, false, false, arguments));
    queues.add(name);
    return name;
  }

  /** A container of that kind on {@link #queue}, configured, not started yet. */
  AbstractMessageListenerContainer container(ContainerKind kind, MessageListener listener) {
    AbstractMessageListenerContainer container =
        kind == ContainerKind.SIMPLE
            ? new SimpleMessageListenerContainer(connectionFactory)
            : new DirectMessageListenerContainer(connectionFactory);
    if (container instanceof SimpleMessageListenerContainer simple) {
      simple.setReceiveTimeout(200); // stops faster
    }
    container.setQueueNames(queue);
    container.setMessageListener(listener);
    containers.add(container);
    return container;
  }

  static void start(AbstractMessageListenerContainer container) {
    container.afterPropertiesSet();
    container.start();
  }

  /** Sends {@code body} to {@code queue} outside any span and returns the PRODUCER span it made. */
  SpanData publishOutsideAnySpan(String body) {
    List<SpanData> before = InProcessAgent.EXPORTER.getFinishedSpanItems();
    template.convertAndSend("", queue, body);
    List<SpanData> made = new ArrayList<>(InProcessAgent.EXPORTER.getFinishedSpanItems());
    made.removeAll(before);
    // A listener may already have published its own follow-on: only the send to the queue counts.
    made.removeIf(span -> span.getKind() != SpanKind.PRODUCER
        || !span.getName().equals("publish amq.default:" + queue));
    assertEquals(1, made.size(), () -> "spans of one send: " + describeAll(made));
    SpanData publish = made.get(0);
    assertEquals(false, publish.getParentSpanContext().isValid(), "sent outside any span: a new trace");
    return publish;
  }

  /** The body of {@link #awaitLaterDelivery}'s message: listeners that fail let it through. */
  static final String LATER = "later";

  /**
   * Sends {@link #LATER} to {@link #queue} and waits for its delivery's span: the client hands a
   * channel's deliveries over one after another, so every span of the deliveries before it
   * (one a consumer's handleDelivery would make included) has ended by then. Returns the ended
   * spans.
   */
  List<SpanData> awaitLaterDelivery() throws InterruptedException {
    SpanData later = publishOutsideAnySpan(LATER);
    return awaitSpans("the later delivery's process span", all -> !consumersIn(all, later.getTraceId()).isEmpty());
  }

  /** Waits (up to 10 s) until the ended spans satisfy {@code condition}; returns them. */
  static List<SpanData> awaitSpans(String what, Predicate<List<SpanData>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<SpanData> spans = InProcessAgent.EXPORTER.getFinishedSpanItems();
    while (!condition.test(spans) && System.nanoTime() < deadline) {
      Thread.sleep(10);
      spans = InProcessAgent.EXPORTER.getFinishedSpanItems();
    }
    if (!condition.test(spans)) {
      fail("timed out waiting for " + what + "; ended spans: " + describeAll(spans));
    }
    return spans;
  }

  static List<SpanData> filter(List<SpanData> spans, SpanKind kind, String name) {
    return spans.stream()
        .filter(span -> span.getKind() == kind && span.getName().equals(name))
        .collect(Collectors.toList());
  }

  static List<SpanData> consumersIn(List<SpanData> spans, String traceId) {
    return spans.stream()
        .filter(span -> span.getKind() == SpanKind.CONSUMER && span.getTraceId().equals(traceId))
        .collect(Collectors.toList());
  }

  static SpanData single(List<SpanData> spans, String what) {
    assertEquals(1, spans.size(), () -> "exactly one " + what + ": " + describeAll(spans));
    return spans.get(0);
  }

  static void assertChildOf(SpanData parent, SpanData child) {
    assertEquals(parent.getTraceId(), child.getTraceId(), () -> describe(child) + " in the trace of " + describe(parent));
    assertEquals(parent.getSpanId(), child.getParentSpanId(), () -> describe(child) + " child of " + describe(parent));
  }

  static String describeAll(List<SpanData> spans) {
    return spans.stream().map(SpringBrokerTestBase::describe).collect(Collectors.joining("\n  ", "[\n  ", "\n]"));
  }

  /** One line per span, with the instrumented methods it started and ended in. */
  static String describe(SpanData span) {
    return span.getKind() + " '" + span.getName() + "' trace=" + span.getTraceId() + " span=" + span.getSpanId()
        + " parent=" + span.getParentSpanId() + " started in " + InProcessAgent.FRAMES.startedIn(span.getSpanId())
        + ", ended in " + InProcessAgent.FRAMES.endedIn(span.getSpanId());
  }
}
