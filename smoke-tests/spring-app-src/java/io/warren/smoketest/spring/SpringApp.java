package io.warren.smoketest.spring;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring AMQP sample application of the smoke tests, built from this one source as a Spring
 * Boot 3 and a Spring Boot 4 fat jar. {@code --app.role=ROLE} picks what it does (the role is
 * also the active Spring profile, see {@link Roles}); everything else comes from {@code --app.*}
 * arguments:
 *
 * <pre>
 *   --app.role=sender|relay|sink|batch|batch-strings|rpc-server|rpc-client|rpc-client-fixed|
 *              failing|poller|listener-container|confirms|manual-ack|web
 *   --app.count=N           messages to send, or to receive (web: requests to answer) before
 *                           exiting (default 3)
 *   --app.in=QUEUE          the queue a consumer role listens to (declared by the app)
 *   --app.out=QUEUE         routing key (a queue on the default exchange) to send to
 *   --app.exchange=NAME     exchange to send to (default: the default exchange)
 *   --app.id-prefix=P       message ids are P-1 .. P-N (default msg); bodies are body-&lt;id&gt;
 *   --app.sleep-ms=MS       relay: sleep in the listener before sending on; manual-ack: wait
 *                           on the worker thread before settling; web: the async answer's delay
 *   --app.batch-size=N      batch: consumer batch size (default 5)
 *   --app.attempts=N        failing: delivery attempts with stateless retry (default 3)
 *   --app.dead-letter-queue=Q  declare --app.in with x-dead-letter-* to Q (and Q itself)
 *   --app.reply-queue=Q     rpc-client-fixed: the fixed reply queue
 *   --app.full-queue=Q      confirms: also send two messages to Q (declared x-max-length=1,
 *                           x-overflow=reject-publish): the first is acked, the second nacked
 *   --app.timeout-ms=MS     give up (exit 2) if the work is not done by then (default 60000)
 *   --app.container=NAME    web: tomcat (default) or jetty (see {@link Web})
 * </pre>
 *
 * <p>It prints {@code READY <role>} once its listeners run, and per message one of
 * {@code SENT <id>}, {@code RECEIVED <id> <queue> <traceparent or ->}, {@code BATCH <n> <size>
 * <ids>}, {@code REPLY <id> <body>}, {@code ATTEMPT <id> <n>} (confirms: {@code SENT <id>} then
 * {@code CONFIRMED <id> <ack>}; manual-ack: {@code SETTLED <id> <outcome> redelivered=<bool>}),
 * then {@code DONE} and exits 0; or {@code TIMEOUT ...} and exits 2. A watchdog halts the JVM shortly after the timeout in any case, so a failed test never
 * leaves it running. System properties starting with {@code warren.} are never read or set here.
 */
@SpringBootApplication
public class SpringApp {
  public static void main(String[] args) {
    String role = arg(args, "app.role", null);
    if (role == null) {
      System.err.println("usage: --app.role=ROLE [--app.KEY=VALUE ...] (see SpringApp's javadoc)");
      System.exit(64);
    }
    long timeoutMs = Long.parseLong(arg(args, "app.timeout-ms", "60000"));
    startWatchdog(timeoutMs + 20_000);

    SpringApplication application = new SpringApplication(SpringApp.class);
    application.setAdditionalProfiles(role);
    application.setDefaultProperties(defaults(role, args));
    Web.chooseContainer(application, args);
    ConfigurableApplicationContext context;
    try {
      context = application.run(args);
    } catch (Throwable e) {
      System.out.println("FAILED " + e);
      System.exit(1);
      return;
    }
    int code;
    try {
      Work work = context.getBean(Work.class);
      boolean done = work.await();
      long lingerMs = Long.parseLong(context.getEnvironment().getProperty("app.linger-ms", "300"));
      sleep(lingerMs); // lets the last acknowledgement, reply or rejection go out
      System.out.println(done ? "DONE" : "TIMEOUT " + work.remaining() + " of " + work.expected()
          + " still to do after " + timeoutMs + " ms");
      code = done ? 0 : 2;
    } catch (Throwable e) {
      System.out.println("FAILED " + e);
      code = 1;
    }
    int exitCode = code;
    System.exit(SpringApplication.exit(context, () -> exitCode));
  }

  /**
   * Defaults below the command line: the local broker, quiet logs, the failing role's retry, and
   * the confirms role's correlated publisher confirms.
   */
  private static Map<String, Object> defaults(String role, String[] args) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("spring.main.banner-mode", "off");
    defaults.put("spring.rabbitmq.host", "127.0.0.1");
    defaults.put("spring.rabbitmq.port", "5672");
    defaults.put("spring.rabbitmq.username", "guest");
    defaults.put("spring.rabbitmq.password", "guest");
    defaults.put("spring.rabbitmq.template.reply-timeout", "20s");
    defaults.put("logging.level.root", "WARN");
    defaults.put("logging.level.io.warren", "INFO");
    if (role.equals(Web.ROLE)) {
      defaults.put("server.address", "127.0.0.1");
      defaults.put("server.port", "0");
    } else {
      // Spring MVC and its containers are on the class path for the web role only.
      defaults.put("spring.main.web-application-type", "none");
    }
    if (role.equals("failing")) {
      int attempts = Integer.parseInt(arg(args, "app.attempts", "3"));
      defaults.put("spring.rabbitmq.listener.simple.retry.enabled", "true");
      defaults.put("spring.rabbitmq.listener.simple.retry.stateless", "true");
      defaults.put("spring.rabbitmq.listener.simple.retry.max-attempts", attempts); // Boot 3
      defaults.put("spring.rabbitmq.listener.simple.retry.max-retries", attempts - 1); // Boot 4
      defaults.put("spring.rabbitmq.listener.simple.retry.initial-interval", "100ms");
      defaults.put("spring.rabbitmq.listener.simple.retry.multiplier", "1");
      defaults.put("spring.rabbitmq.listener.simple.default-requeue-rejected", "false");
    }
    if (role.equals("manual-ack")) {
      defaults.put("spring.rabbitmq.listener.simple.acknowledge-mode", "manual");
    }
    if (role.equals("confirms")) {
      defaults.put("spring.rabbitmq.publisher-confirm-type", "correlated");
    }
    return defaults;
  }

  /** The value of {@code --key=value} among the program arguments. */
  static String arg(String[] args, String key, String fallback) {
    String prefix = "--" + key + "=";
    String value = fallback;
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        value = arg.substring(prefix.length());
      }
    }
    return value;
  }

  private static void startWatchdog(long millis) {
    Thread watchdog = new Thread(() -> {
      sleep(millis);
      System.out.println("TIMEOUT watchdog: halting after " + millis + " ms");
      Runtime.getRuntime().halt(3);
    }, "spring-app-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
