package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.RpcClient;
import com.rabbitmq.client.RpcClientParams;
import com.rabbitmq.client.StringRpcServer;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.instrumentation.rabbitmq.bootstrap.CapturedValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The client's RpcServer queues each request in its consumer and handles it later on its own
 * main-loop thread: the request's process span must be the one current there, around handleCall
 * and the reply, and the queuing consumer must make none.
 */
class RpcServerInstrumentationTest extends BrokerTestBase {

  private static final String SERVER_THREAD = "warren-test-rpc-server";

  @Test
  void theRequestsProcessSpanIsCurrentWhileTheServerHandlesItAndParentsTheReply() throws Exception {
    String rpcQueue = unique("tq.rpc");
    AtomicReference<String> currentInHandler = new AtomicReference<>();
    RunningServer server =
        RunningServer.start(connection, rpcQueue, request -> {
          currentInHandler.set(backend.currentSpanId());
          return request.toUpperCase();
        });
    RpcClient client = server.client();
    backend.clear(); // the subscriptions above are not what the test counts
    try {
      assertEquals("PING", client.stringCall("ping"));

      RecordingBackend.Span request = backend.named("publish amq.default:" + rpcQueue).get(0);
      List<RecordingBackend.Span> processes = backend.named("process " + rpcQueue);
      assertEquals(1, processes.size(), "one span per request, none from the queuing consumer: " + backend.started);
      RecordingBackend.Span process = processes.get(0);
      assertEquals(SpanStart.Kind.CONSUMER, process.kind());
      assertEquals(SERVER_THREAD, process.thread(), "made where the request is handled");
      assertEquals(rpcQueue, process.attribute("messaging.rabbitmq.queue"));
      assertEquals(request.id(), process.producerId(), "in the caller's trace");
      assertEquals(process.id(), currentInHandler.get(), "current while handleCall runs");

      RecordingBackend.Span reply = awaitSpan("publish amq.default:(temporary)");
      assertEquals(SERVER_THREAD, reply.thread());
      assertEquals(process.id(), reply.currentAtStart(), "the reply is the request's child");
      awaitEndedSpan(process.id());
    } finally {
      server.stop();
    }
  }

  @Test
  void theRequestsProcessSpanRecordsTheCapturedHeaders() throws Exception {
    String rpcQueue = unique("tq.rpc");
    RunningServer server = RunningServer.start(connection, rpcQueue, String::toUpperCase);
    CapturedValues.configure("x-tenant,app_id");
    backend.clear();
    try {
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
          .appId("orders-app").headers(Map.of("x-tenant", "acme", "x-secret", "s3cret")).build();
      server.client().primitiveCall(properties, "ping".getBytes(StandardCharsets.UTF_8));

      RecordingBackend.Span process = backend.named("process " + rpcQueue).get(0);
      assertEquals("acme", process.attribute("messaging.header.x-tenant"));
      assertEquals("orders-app", process.attribute("messaging.rabbitmq.message.app_id"));
      assertNull(process.attribute("messaging.header.x-secret"), "only the names configured");
    } finally {
      CapturedValues.configure("");
      server.stop();
    }
  }

  /** A StringRpcServer on its own main-loop thread, and a client of its queue. */
  private record RunningServer(StringRpcServer server, Thread mainloop, RpcClient client) {

    static RunningServer start(Connection connection, String queue, UnaryOperator<String> handle)
        throws IOException {
      Channel serverChannel = connection.createChannel();
      serverChannel.queueDeclare(queue, false, true, true, null);
      StringRpcServer server =
          new StringRpcServer(serverChannel, queue) {
            @Override
            public String handleStringCall(String request) {
              return handle.apply(request);
            }
          };
      Thread mainloop =
          new Thread(
              () -> {
                try {
                  server.mainloop();
                } catch (IOException e) {
                  // the test fails on the missing reply
                }
              },
              SERVER_THREAD);
      mainloop.setDaemon(true);
      mainloop.start();
      RpcClient client =
          new RpcClient(new RpcClientParams().channel(connection.createChannel()).exchange("")
              .routingKey(queue).timeout(5000));
      return new RunningServer(server, mainloop, client);
    }

    void stop() throws Exception {
      client.close();
      server.terminateMainloop();
      mainloop.interrupt();
      mainloop.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  private RecordingBackend.Span awaitSpan(String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (backend.named(name).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(1, backend.named(name).size(), () -> name + " in " + backend.started);
    return backend.named(name).get(0);
  }

  private void awaitEndedSpan(String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!backend.isEnded(id) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(backend.isEnded(id), id + " ended");
  }
}
