package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.apps.MeteredChain;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Broker;
import io.warren.smoketest.harness.ZipkinClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The metrics workload ({@link MeteredChain}): {@value #MESSAGES} messages relayed
 * origin → relay → sink; the relay holds its queue {@code work} for {@value #HOLD_MILLIS} ms
 * before it consumes it, handles each message in at least {@value #HANDLE_MILLIS} ms and rejects
 * one in {@value #REJECT_EVERY} without requeue into the dead-letter queue, which the sink
 * consumes too. The services stay up until {@link #close} so that their last values can be read.
 * The sample applications each run as {@code java -javaagent:warren-agent.jar ...}, as a user runs
 * them.
 */
final class MeteredWorkload implements AutoCloseable {
  static final int MESSAGES = 300;
  static final int REJECT_EVERY = 10;
  static final int HANDLE_MILLIS = 20;
  static final int HOLD_MILLIS = 2000;
  static final int REJECTED = MESSAGES / REJECT_EVERY;
  static final int RELAYED = MESSAGES - REJECTED;
  private static final Duration DONE_TIMEOUT = Duration.ofSeconds(90);
  /** How long a service may live, from its start until it exited once its input ended. */
  private static final Duration LIFETIME = Duration.ofMinutes(5);

  static final String SENT = "messaging.client.sent.messages";
  static final String PROCESS_DURATION = "messaging.process.duration";
  static final String QUEUE_DURATION = "warren.messaging.queue.duration";
  static final String SETTLEMENTS = "warren.messaging.settlements";
  static final String DEAD_LETTERS = "warren.messaging.dead_letters";
  static final String END_TO_END = "warren.messaging.end_to_end.duration";
  private static final String DESTINATION = "messaging.destination.name";

  final String origin;
  final String relay;
  final String sink;
  private final String work;
  private final String relayed;
  private final String dlq;
  private final List<AgentJvm.Running> running = new ArrayList<>();

  /** Declares the queues; services are named {@code metrics-<role>-<id>}. */
  MeteredWorkload(Broker broker, String id) {
    origin = "metrics-origin-" + id;
    relay = "metrics-relay-" + id;
    sink = "metrics-sink-" + id;
    dlq = broker.freshQueue("metrics-dlq");
    work = broker.freshQueue("metrics-work",
        Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
    relayed = broker.freshQueue("metrics-relayed");
  }

  /**
   * Runs the services until each has done its work; {@code launch} makes a service's JVM, with
   * the agent and its metrics exporter, from the application class and the service name.
   */
  void run(BiFunction<Class<?>, String, AgentJvm> launch) {
    AgentJvm.Running sinkJvm = start(launch.apply(MeteredChain.class, sink)
        .args("--role=sink", "--queue=" + relayed, "--dlq=" + dlq, "--count=" + MESSAGES));
    start(launch.apply(MeteredChain.class, origin).args("--role=origin", "--queue=" + work,
        "--count=" + MESSAGES, "--id-prefix=" + origin)).awaitLine("DONE", DONE_TIMEOUT);
    // Started only now, so that every message waits in work for the hold at least.
    start(launch.apply(MeteredChain.class, relay).args("--role=relay", "--queue=" + work,
        "--to=" + relayed, "--count=" + MESSAGES, "--hold-millis=" + HOLD_MILLIS,
        "--handle-millis=" + HANDLE_MILLIS, "--reject-every=" + REJECT_EVERY))
        .awaitLine("DONE", DONE_TIMEOUT);
    sinkJvm.awaitLine("DONE", DONE_TIMEOUT);
  }

  private AgentJvm.Running start(AgentJvm jvm) {
    AgentJvm.Running started = jvm.start();
    running.add(started);
    return started;
  }

  /** Waits until {@code view} has every count, then checks them and the durations. */
  void assertMetrics(MetricsView view) {
    double sent = view.awaitCounter(origin, SENT, Map.of(), MESSAGES);
    double acked = view.awaitCounter(relay, SETTLEMENTS,
        Map.of(DESTINATION, work, "warren.settlement.outcome", "ack"), RELAYED);
    double rejected = view.awaitCounter(relay, SETTLEMENTS, Map.of(DESTINATION, work,
        "warren.settlement.outcome", "reject", "warren.settlement.requeue", "false"), REJECTED);
    double deadLettered = view.awaitCounter(sink, DEAD_LETTERS,
        Map.of(DESTINATION, work, "warren.dead_letter.reason", "rejected"), REJECTED);
    MetricsView.Histogram handling = view.awaitHistogram(relay, PROCESS_DURATION, Map.of(), MESSAGES);
    MetricsView.Histogram queued =
        view.awaitHistogram(relay, QUEUE_DURATION, Map.of(DESTINATION, work), MESSAGES);
    MetricsView.Histogram endToEnd = view.awaitHistogram(sink, END_TO_END,
        Map.of(DESTINATION, relayed, "warren.origin.service", origin), RELAYED);
    System.out.printf("metrics: sent %s, acked %s, rejected %s, dead-lettered %s, handling %s,"
        + " queued %s, end to end %s%n", sent, acked, rejected, deadLettered, handling, queued,
        endToEnd);
    assertAll(
        () -> assertEquals(MESSAGES, sent, "sent by " + origin),
        () -> assertEquals(RELAYED, acked, "acked at " + relay),
        () -> assertEquals(REJECTED, rejected, "rejected without requeue at " + relay),
        () -> assertEquals(REJECTED, deadLettered, "dead-lettered from " + work),
        () -> assertEquals(MESSAGES, handling.count(), "handled at " + relay),
        () -> assertTrue(handling.mean() >= 0.020 && handling.mean() <= 0.030,
            "mean handling time at " + relay + " between 20 and 30 ms: " + handling),
        () -> assertEquals(MESSAGES, queued.count(), "time-in-queue values of " + work),
        // Every message was in work before the relay started, so each waited the hold at least.
        () -> assertTrue(queued.sum() >= MESSAGES * HOLD_MILLIS / 1000.0,
            "every message waited at least the hold in " + work + ": " + queued),
        () -> assertEquals(RELAYED, endToEnd.count(), "end-to-end values at " + sink),
        () -> assertTrue(endToEnd.mean() >= handling.mean(),
            "end to end at " + sink + " " + endToEnd + " takes at least the relay's handling "
                + handling));
  }

  /** There is an exemplar of the relay's handling time, and Zipkin has its trace. */
  void assertExemplarLeadsToTrace(List<String> exemplarTraceIds, ZipkinClient zipkin) {
    assertFalse(exemplarTraceIds.isEmpty(), "no exemplar on " + relay + "'s handling time");
    String traceId = exemplarTraceIds.get(0);
    assertFalse(zipkin.awaitTrace(traceId, 1).isEmpty(),
        "Zipkin has no trace " + traceId + " (an exemplar of " + relay + "'s handling time)");
  }

  /** Ends the services' standard input, so that they stop, and waits until they have. */
  @Override
  public void close() {
    running.forEach(AgentJvm.Running::endInput);
    running.forEach(jvm -> jvm.awaitExit(LIFETIME));
  }
}
