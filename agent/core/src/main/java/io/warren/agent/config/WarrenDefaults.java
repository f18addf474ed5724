package io.warren.agent.config;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.warren.agent.api.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings Warren uses where the user set none. They sit beneath the user's own
 * {@code otel.*} properties and environment variables.
 */
public final class WarrenDefaults {

  private static final long BYTES_PER_QUEUED_SPAN = 1024;
  private static final int LARGEST_QUEUE = 32768;
  private static final int SMALLEST_QUEUE = 2048;

  /**
   * Spans waiting for export. The SDK's 2048 drops most of a burst. A queued span holds about
   * 1 KB of heap (measured: 36 MB for 33 000 spans), so the queue may use up to an eighth of the
   * heap: 32768 spans from a 256 MB heap up, which hold a 20 000-message burst (two spans per
   * message) while Zipkin catches up; fewer on a small heap, never fewer than the SDK's 2048.
   */
  public static final int MAX_QUEUE_SIZE = queueSizeFor(Runtime.getRuntime().maxMemory());

  static final String SERVICE_NAME = "otel.service.name";
  static final String RESOURCE_ATTRIBUTES = "otel.resource.attributes";

  /**
   * The service name a module found (e.g. a framework's own application name), used when the
   * user named none; set once at start-up, before the SDK is built.
   */
  private static volatile String moduleServiceName;

  private WarrenDefaults() {}

  /** What modules know about the application's resource; only {@code service.name} is used. */
  public static void useModuleResource(Map<String, String> attributes) {
    moduleServiceName = attributes.get("service.name");
  }

  public static Map<String, String> properties() {
    Map<String, String> defaults = new HashMap<String, String>();
    defaults.put("otel.traces.exporter", "zipkin");
    // As the OpenTelemetry Java agent: the SDK alone would use grpc, which needs a gRPC library.
    defaults.put(OtlpSettings.PROTOCOL, OtlpSettings.PROTOCOL_HTTP);
    // A failed export is dropped, as Zipkin's: retrying (the SDK's default, until the export
    // timeout) would only hold spans longer, and make every exit wait 10 s for a collector
    // that is down.
    defaults.put(OtlpSettings.RETRY_DISABLED, "true");
    // Metrics only when asked for; the SDK would otherwise look for an OTLP exporter.
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    defaults.put("otel.bsp.max.queue.size", String.valueOf(MAX_QUEUE_SIZE));
    if (!serviceNamedByUser()) {
      defaults.put(SERVICE_NAME, defaultServiceName());
    }
    return defaults;
  }

  static int queueSizeFor(long maxHeapBytes) {
    long fits = maxHeapBytes / 8 / BYTES_PER_QUEUED_SPAN;
    return (int) Math.max(SMALLEST_QUEUE, Math.min(LARGEST_QUEUE, fits));
  }

  public static Resource serviceResource() {
    String name = Settings.get(SERVICE_NAME);
    return Resource.create(
        Attributes.of(
            AttributeKey.stringKey("service.name"),
            name == null || name.isEmpty() ? defaultServiceName() : name));
  }

  /** A module's name for the application, else one from the command line. */
  public static String defaultServiceName() {
    String fromModule = moduleServiceName;
    return fromModule == null || fromModule.isEmpty() ? serviceNameFromCommandLine() : fromModule;
  }

  /** A service name that is empty or blank is no name (ConfigValidator warns about it). */
  private static boolean serviceNamedByUser() {
    String name = Settings.get(SERVICE_NAME);
    return (name != null && !name.isEmpty())
        || serviceNameIn(Settings.get(RESOURCE_ATTRIBUTES)) != null;
  }

  /** The non-blank {@code service.name} in a {@code key=value,...} list, or null. */
  static String serviceNameIn(String resourceAttributes) {
    if (resourceAttributes == null) {
      return null;
    }
    String name = null;
    for (String pair : resourceAttributes.split(",")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).trim().equals("service.name")) {
        name = pair.substring(equals + 1).trim(); // the SDK keeps the last one
      }
    }
    return name == null || name.isEmpty() ? null : name;
  }

  /**
   * Better than the SDK's {@code unknown_service:java}: the main class's simple name, or the jar
   * name for {@code java -jar}.
   */
  public static String serviceNameFromCommandLine() {
    String command = System.getProperty("sun.java.command", "").trim();
    if (command.isEmpty()) {
      return "unknown_service:java";
    }
    String main = command.split("\\s+")[0];
    int jar = command.indexOf(".jar");
    boolean isPath = main.indexOf('/') >= 0 || main.indexOf('\\') >= 0;
    if (!main.endsWith(".jar") && isPath && jar > 0
        && (jar + 4 == command.length() || command.charAt(jar + 4) == ' ')) {
      main = command.substring(0, jar + 4); // a jar path with spaces in it
    }
    if (main.endsWith(".jar")) {
      String file = main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1);
      return file.substring(0, file.length() - ".jar".length());
    }
    return main.substring(main.lastIndexOf('.') + 1);
  }
}
