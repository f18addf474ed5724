package io.warren.smoketest.apps;

import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.Producer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream producer whose confirms never arrive: it talks to the broker through a TCP proxy on
 * loopback (in this JVM) that, once the producer is ready, stops forwarding anything from the
 * broker to the client while still forwarding the client's frames. Sends {@code --count}
 * messages to {@code --stream} (the client waits up to 10 minutes for confirms and lets 20 000
 * wait), then, while none has been confirmed, prints {@code SENT-ALL <n>}; after
 * {@code --hold-ms} it prints {@code CONFIRMS-SEEN <n>} and the heap in use
 * ({@code HEAP-USED-BYTES}), and exits without waiting for the broker.
 */
public final class StreamConfirmsLost {
  private StreamConfirmsLost() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String stream = args.require("stream");
    int count = args.integer("count", 10_000);
    Proxy proxy = new Proxy(args.integer("stream-port", 5552));
    Environment environment = Streams.environment(proxy.port());
    Producer producer = environment.producerBuilder().stream(stream)
        .confirmTimeout(Duration.ofMinutes(10))
        .maxUnconfirmedMessages(20_000)
        .build();
    proxy.silenceBroker();
    AtomicInteger confirms = new AtomicInteger();
    byte[] body = new byte[128];
    for (int n = 1; n <= count; n++) {
      producer.send(producer.messageBuilder().properties().messageId("lost-" + n).messageBuilder()
          .addData(body).build(), status -> confirms.incrementAndGet());
    }
    System.out.println("SENT-ALL " + count + " confirmed=" + confirms.get());
    Thread.sleep(args.integer("hold-ms", 6000));
    System.out.println("CONFIRMS-SEEN " + confirms.get());
    HeapReport.print();
    System.out.flush();
    System.exit(0); // closing would wait for answers the proxy swallows
  }

  /** Forwards loopback connections to the stream port; can stop forwarding the broker's side. */
  static final class Proxy {
    private final ServerSocket server;
    private final int target;
    private volatile boolean brokerSilenced;

    Proxy(int target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(this::accept, "proxy-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    void silenceBroker() {
      brokerSilenced = true;
    }

    private void accept() {
      try {
        while (true) {
          Socket client = server.accept();
          Socket broker = new Socket(InetAddress.getLoopbackAddress(), target);
          pump(client.getInputStream(), broker.getOutputStream(), false);
          pump(broker.getInputStream(), client.getOutputStream(), true);
        }
      } catch (IOException e) {
        // the JVM is exiting
      }
    }

    private void pump(InputStream from, OutputStream to, boolean fromBroker) {
      Thread thread = new Thread(() -> {
        byte[] buffer = new byte[16 * 1024];
        try {
          int read;
          while ((read = from.read(buffer)) >= 0) {
            if (!(fromBroker && brokerSilenced)) {
              to.write(buffer, 0, read);
              to.flush();
            }
          }
        } catch (IOException e) {
          // connection closed
        }
      }, fromBroker ? "proxy-from-broker" : "proxy-to-broker");
      thread.setDaemon(true);
      thread.start();
    }
  }
}
