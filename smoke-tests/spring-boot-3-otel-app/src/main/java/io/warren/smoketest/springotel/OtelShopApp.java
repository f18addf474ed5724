package io.warren.smoketest.springotel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot 3 web and AMQP application that traces itself with Micrometer Tracing's
 * OpenTelemetry bridge: its SDK is a Spring bean (never the global one) and its spans go to its
 * own exporter ({@link PrintingExporter}). It calls its own {@code GET /checkout/{id}} {@code
 * --app.count} times (ids {@code --app.id-prefix}-1..N, over a plain socket that nothing traces);
 * the controller publishes each inside a {@code checkout} span ({@link Checkout}), and its
 * listener on {@code --app.queue} starts a {@code handle} span per message ({@link Handler}).
 * Prints {@code HTTP <id> <status line>}, the lines of its parts, then, after its context closed
 * (its SDK flushed), {@code DONE}; or {@code TIMEOUT} and exits 2.
 */
@SpringBootApplication
public class OtelShopApp {

  public static void main(String[] args) throws Exception {
    SpringApplication application = new SpringApplication(OtelShopApp.class);
    application.setDefaultProperties(defaults());
    ConfigurableApplicationContext context = application.run(args);
    String prefix = context.getEnvironment().getRequiredProperty("app.id-prefix");
    int count = Integer.parseInt(context.getEnvironment().getProperty("app.count", "3"));
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    for (int n = 1; n <= count; n++) {
      String id = prefix + "-" + n;
      System.out.println("HTTP " + id + " " + get(port, "/checkout/" + id));
    }
    boolean handled = context.getBean(Handler.class).await(count, 30, TimeUnit.SECONDS);
    int code = SpringApplication.exit(context, () -> handled ? 0 : 2);
    System.out.println(handled ? "DONE" : "TIMEOUT");
    System.exit(code);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("spring.main.banner-mode", "off");
    defaults.put("server.port", "0");
    defaults.put("spring.rabbitmq.host", "127.0.0.1");
    defaults.put("spring.rabbitmq.port", "5672");
    defaults.put("spring.rabbitmq.username", "guest");
    defaults.put("spring.rabbitmq.password", "guest");
    defaults.put("management.tracing.sampling.probability", "1.0");
    defaults.put("logging.level.root", "WARN");
    return defaults;
  }

  /** A GET over a bare socket: the request carries no trace context. Returns the status line. */
  private static String get(int port, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      String text = response.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n");
      return end < 0 ? text : text.substring(0, end);
    }
  }
}
