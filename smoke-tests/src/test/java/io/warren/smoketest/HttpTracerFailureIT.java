package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.smoketest.apps.Fulfilment;
import io.warren.smoketest.apps.Inventory;
import io.warren.smoketest.apps.OrderGateway;
import io.warren.smoketest.apps.Sabotaged;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Broker;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tracer that fails at every call (the test kit's, put in place by {@link Sabotaged}) behind the
 * HTTP modules changes nothing a caller or a called service sees: the JDK's server and the three
 * HTTP clients answer and get exactly what they do without the agent; the agent reports the
 * failures and none of its exceptions reaches the application. (The servlet module's path:
 * instrumentation-servlet's FailingTracerTest.)
 */
class HttpTracerFailureIT extends SmokeTestBase {

  private static final List<String> GATEWAY_PATHS =
      List.of("/orders/7", "/orders/missing", "/orders/fail", "/orders/throw");

  @Test
  void theJdkServersAnswersAreThoseWithoutTheAgent() {
    String queue = broker.freshQueue("http_fail");
    Run without = gatewayAnswers(withoutAgent(OrderGateway.class), queue);
    Run sabotaged = gatewayAnswers(sabotaged(OrderGateway.class, "http-fail-gateway-" + id), queue);

    assertEquals(without.lines(), sabotaged.lines());
    assertTrue(without.lines().get(0).contains("accepted 7"), without.lines().get(0));
    assertFailuresReportedAndHidden(sabotaged.result());
  }

  @ParameterizedTest
  @ValueSource(strings = {"httpclient", "urlconnection", "apache"})
  void whatAClientGetsIsWhatItGetsWithoutTheAgent(String client) throws Exception {
    Run without = calls(client, withoutAgent(Fulfilment.class));
    Run sabotaged = calls(client, sabotaged(Fulfilment.class, "http-fail-" + client + "-" + id));

    assertEquals(without.lines(), sabotaged.lines());
    assertEquals(List.of("CALL-FAILED refused", "CALLED 7 200", "CALLED missing 404"),
        without.lines().stream().map(line -> line.replaceAll("^(CALL-FAILED refused) .*", "$1")).toList());
    assertFailuresReportedAndHidden(sabotaged.result());
  }

  /** What a run printed or was answered, and how it ended. */
  private record Run(List<String> lines, AgentJvm.Result result) {}

  /** {@code app} run by Sabotaged with the agent, reporting as {@code service}. */
  private AgentJvm sabotaged(Class<?> app, String service) {
    return withAgent(Sabotaged.class, service)
        .classpath(SmokeEnv.appClasspath() + File.pathSeparator + SmokeEnv.testKitClasspath())
        .args("--app=" + app.getSimpleName());
  }

  /** The JDK server's answers to the gateway paths; it exits once it has answered them. */
  private Run gatewayAnswers(AgentJvm gateway, String queue) {
    AgentJvm.Running running = gateway.args("--queue=" + queue, "--requests=" + GATEWAY_PATHS.size()).start();
    int port = HttpStory.port(running, APP_TIMEOUT);
    List<String> answers = GATEWAY_PATHS.stream().map(path -> RawHttp.withoutDate(RawHttp.get(port, path))).toList();
    AgentJvm.Result result = running.awaitExit(APP_TIMEOUT);
    Expect.exitedNormally(result);
    return new Run(answers, result);
  }

  /** Fulfilment asks Inventory (no agent) about orders 7 and missing, and calls a refused port. */
  private Run calls(String client, AgentJvm fulfilment) throws Exception {
    String queue = broker.freshQueue("http_fail_calls");
    try (Connection connection = Broker.connectionFactory().newConnection()) {
      Channel channel = connection.createChannel();
      for (String id : List.of("order-7", "order-missing", "order-refused")) {
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(id).build(),
            id.getBytes(StandardCharsets.UTF_8));
      }
    }
    AgentJvm.Running inventory = withoutAgent(Inventory.class).args("--requests=2").start();
    AgentJvm.Result result = fulfilment.args("--queue=" + queue, "--count=3", "--client=" + client,
            "--inventory=http://127.0.0.1:" + HttpStory.port(inventory, APP_TIMEOUT))
        .run(APP_TIMEOUT);
    Expect.exitedNormally(result);
    Expect.exitedNormally(inventory.awaitExit(APP_TIMEOUT));
    return new Run(result.stdout().stream()
        .filter(line -> line.startsWith("CALLED") || line.startsWith("CALL-FAILED")).sorted().toList(), result);
  }

  private static void assertFailuresReportedAndHidden(AgentJvm.Result result) {
    assertAll(result.name(),
        () -> assertTrue(result.stdout().contains("SABOTAGED"), "tracer installed"),
        () -> assertFalse(AgentLog.containing(result, "tracing failed").isEmpty(),
            () -> "the agent did not report the failures\n" + result.describe()),
        () -> assertEquals(List.of(), AgentLog.exceptions(result).stream()
            .filter(line -> line.matches(".*io\\.warren\\.(bootstrap|agent|instrumentation)\\..*")).toList()));
  }
}
