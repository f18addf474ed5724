package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.apps.LambdaConsumer;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Broker;
import io.warren.smoketest.harness.ZipkinClient;
import io.warren.smoketest.harness.ZipkinServer;
import io.warren.smoketest.harness.ZipkinSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per test: a broker connection that deletes the test's queues afterwards, a short unique id for
 * service and queue names, and a log directory {@code target/smoke-logs/<class>.<method>/}.
 */
@ExtendWith(SharedZipkin.class)
abstract class SmokeTestBase {
  static final Duration APP_TIMEOUT = Duration.ofSeconds(90);

  Broker broker;
  String id;
  Path logDir;

  @BeforeEach
  void setUpBase(TestInfo info) {
    broker = Broker.connect();
    id = UUID.randomUUID().toString().substring(0, 6);
    logDir = SmokeEnv.logsDir().resolve(getClass().getSimpleName() + "."
        + info.getTestMethod().map(m -> m.getName()).orElse("test"));
  }

  @AfterEach
  void tearDownBase() {
    broker.close();
  }

  ZipkinServer zipkin() {
    return SharedZipkin.server();
  }

  ZipkinClient zipkinClient() {
    return zipkin().client();
  }

  /** A sample application with the agent, reporting as {@code serviceName} to the shared Zipkin. */
  AgentJvm withAgent(Class<?> app, String serviceName) {
    AgentJvm jvm = withoutAgent(app);
    if (Boolean.getBoolean("smoke.warren.debug")) {
      jvm.property("warren.debug", "true");
    }
    return jvm
        .name(serviceName)
        .agent(SmokeEnv.agentJar())
        .serviceName(serviceName)
        .zipkinEndpoint(zipkin().spansEndpoint())
        .property("otel.bsp.schedule.delay", "200");
  }

  /** The spans of one service, {@code count} of them, by their message id. */
  Map<String, ZipkinSpan> spansById(String service, int count, AgentJvm.Result app) {
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, count);
    assertEquals(count, spans.size(),
        () -> service + " spans:\n" + Expect.lines(spans) + "\n" + app.describe());
    return Expect.byMessageId(spans);
  }

  /** What the producer and the consumer of {@link #publishToLambdaConsumer} printed. */
  record ProducerAndConsumer(AgentJvm.Result producer, AgentJvm.Result consumer) {}

  /**
   * Publishes two messages (ItemSubscriptions) to a fresh queue and consumes them with a
   * DeliverCallback lambda (LambdaConsumer), each app started by {@code launch} with the agent;
   * checks that every message arrived unchanged and that its process span is the child of its
   * publish span.
   */
  ProducerAndConsumer publishToLambdaConsumer(
      String name, BiFunction<Class<?>, String, AgentJvm> launch) {
    int messages = 2;
    String queue = broker.freshQueue(name);
    String producerService = name + "-producer-" + id;
    String consumerService = name + "-consumer-" + id;
    String idPrefix = name + "-" + id;

    AgentJvm.Result producer = Expect.exitedNormally(launch.apply(ItemSubscriptions.class,
        producerService).args("--queue=" + queue, "--count=" + messages, "--id-prefix=" + idPrefix)
        .run(APP_TIMEOUT));
    AgentJvm.Result consumer = Expect.exitedNormally(launch.apply(LambdaConsumer.class,
        consumerService).args("--queue=" + queue, "--count=" + messages).run(APP_TIMEOUT));
    Expect.deliveredUnchanged(Expect.sent(producer), Expect.received(consumer));

    Map<String, ZipkinSpan> publishes = spansById(producerService, messages, producer);
    Map<String, ZipkinSpan> processes = spansById(consumerService, messages, consumer);
    for (int n = 1; n <= messages; n++) {
      String messageId = idPrefix + "-" + n;
      ZipkinSpan publish = publishes.get(messageId);
      ZipkinSpan process = processes.get(messageId);
      assertAll(messageId,
          () -> Expect.publishSpan(publish, "", queue),
          () -> Expect.childOf(publish, process),
          () -> Expect.processSpan(process, queue));
    }
    return new ProducerAndConsumer(producer, consumer);
  }

  /** A sample application run as it would be without Warren. */
  AgentJvm withoutAgent(Class<?> app) {
    return AgentJvm.app(app.getName())
        .classpath(SmokeEnv.appClasspath())
        .logDir(logDir);
  }
}
