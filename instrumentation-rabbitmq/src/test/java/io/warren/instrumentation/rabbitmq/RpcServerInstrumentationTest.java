package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.RpcClient;
import com.rabbitmq.client.RpcClientParams;
import com.rabbitmq.client.StringRpcServer;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.testing.RecordingBackend;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    Channel serverChannel = connection.createChannel();
    serverChannel.queueDeclare(rpcQueue, false, true, true, null);
    AtomicReference<String> currentInHandler = new AtomicReference<>();
    StringRpcServer server =
        new StringRpcServer(serverChannel, rpcQueue) {
          @Override
          public String handleStringCall(String request) {
            currentInHandler.set(backend.currentSpanId());
            return request.toUpperCase();
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
    Channel clientChannel = connection.createChannel();
    RpcClient client =
        new RpcClient(
            new RpcClientParams().channel(clientChannel).exchange("").routingKey(rpcQueue).timeout(5000));
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
