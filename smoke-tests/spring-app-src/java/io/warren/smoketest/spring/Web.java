package io.warren.smoketest.spring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code web} role: a Spring MVC service, the HTTP front door of the order story (as
 * {@code io.warren.smoketest.apps.OrderGateway} is on the JDK's server), on Boot's embedded
 * Tomcat, or on Jetty with {@code --app.container=jetty} (Boot 3 and 4 apps only). On
 * 127.0.0.1, any free port unless {@code --server.port} says otherwise; it prints {@code
 * LISTENING <port> <web server class>} once it serves, and exits after {@code --app.count}
 * requests.
 *
 * <pre>
 *   GET /orders/{id}  publishes "order &lt;id&gt;" (message id order-&lt;id&gt;) to --app.out and
 *                     answers 200 "accepted &lt;id&gt;"; the id missing answers 404, fail 500,
 *                     and for throw the controller throws (all three publish nothing)
 *   GET /async/{id}   a CompletableFuture that answers 200 "later &lt;id&gt;" from another thread,
 *                     --app.sleep-ms after the controller returned
 * </pre>
 */
final class Web {
  static final String ROLE = "web";

  /** Boot's factory of each container, in Boot 3's package and in Boot 4's, where it moved. */
  private static final Map<String, List<String>> FACTORIES = Map.of(
      "tomcat", List.of(
          "org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory",
          "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory"),
      "jetty", List.of(
          "org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory",
          "org.springframework.boot.jetty.servlet.JettyServletWebServerFactory"));

  private Web() {}

  /**
   * The container {@code --app.container} names (tomcat, the default, or jetty) as a web server
   * factory bean: Boot's auto-configured ones back off when one exists. Left to Boot, the app
   * would run on Tomcat under Boot 3 but on Jetty under Boot 4 when both are on the class path.
   */
  static void chooseContainer(SpringApplication application, String[] args) {
    if (SpringApp.arg(args, "app.role", "").equals(ROLE)) {
      String container = SpringApp.arg(args, "app.container", "tomcat");
      Class<?> factory = factory(container);
      application.addInitializers(context ->
          ((GenericApplicationContext) context).registerBean(container + "WebServerFactory", factory));
    }
  }

  private static Class<?> factory(String container) {
    List<String> names = FACTORIES.getOrDefault(container, List.of());
    for (String name : names) {
      try {
        return Class.forName(name, false, Web.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        // the other Boot version's package, or a container this app was built without
      }
    }
    throw new IllegalStateException("no web server factory for " + container + " among " + names);
  }

  @RestController
  @Profile(ROLE)
  static class Orders {
    private final RabbitTemplate template;
    private final Settings settings;
    private final Work work;

    Orders(RabbitTemplate template, Settings settings, Work work) {
      this.template = template;
      this.settings = settings;
      this.work = work;
    }

    @GetMapping("/orders/{id}")
    ResponseEntity<String> order(@PathVariable("id") String id) {
      try {
        switch (id) {
          case "missing":
            return text(404, "no order " + id + "\n");
          case "fail":
            return text(500, "failed\n");
          case "throw":
            throw new IllegalStateException("the controller failed");
          default:
            String messageId = "order-" + id;
            template.convertAndSend("", settings.out, "order " + id, Roles.withId(messageId));
            Out.sent(messageId);
            return text(200, "accepted " + id + "\n");
        }
      } finally {
        work.done();
      }
    }

    @GetMapping("/async/{id}")
    CompletableFuture<ResponseEntity<String>> later(@PathVariable("id") String id) {
      return CompletableFuture
          .supplyAsync(() -> text(200, "later " + id + "\n"),
              CompletableFuture.delayedExecutor(settings.sleepMs, TimeUnit.MILLISECONDS))
          .whenComplete((response, failure) -> work.done());
    }

    private static ResponseEntity<String> text(int status, String body) {
      return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }

    /** Started: the port Boot bound, and which container serves (its WebServer's class). */
    @EventListener(ApplicationStartedEvent.class)
    public void listening(ApplicationStartedEvent event) throws ReflectiveOperationException {
      Environment env = event.getApplicationContext().getEnvironment();
      Object context = event.getApplicationContext();
      // getWebServer(): its declaring interface moved packages in Boot 4.
      Object server = context.getClass().getMethod("getWebServer").invoke(context);
      Out.line("LISTENING " + env.getProperty("local.server.port") + " "
          + server.getClass().getSimpleName());
    }
  }
}
