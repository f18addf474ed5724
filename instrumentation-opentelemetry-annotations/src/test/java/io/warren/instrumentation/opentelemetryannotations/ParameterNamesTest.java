package io.warren.instrumentation.opentelemetryannotations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.warren.bootstrap.testing.RecordingBackend;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code @SpanAttribute} without a name takes the parameter's, where the class was compiled
 * with {@code -parameters} (as Spring Boot's build does); compiled here, since the test classes
 * are not.
 */
class ParameterNamesTest {

  private static final String SOURCE = """
      package shop;

      import io.opentelemetry.instrumentation.annotations.SpanAttribute;
      import io.opentelemetry.instrumentation.annotations.WithSpan;

      public class Orders {
        @WithSpan
        public void place(@SpanAttribute String orderId, @SpanAttribute("order.count") long count) {}
      }
      """;

  @Test
  void anUnnamedSpanAttributeIsNamedAfterItsParameter(@TempDir Path classes) throws Exception {
    RecordingBackend backend = AgentInThisJvm.install();
    Path source = classes.resolve("Orders.java");
    Files.writeString(source, SOURCE);
    String annotations = Path.of(WithSpan.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
    int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-parameters", "-proc:none", "-cp", annotations + File.pathSeparator + System.getProperty("java.class.path"),
        "-d", classes.toString(), source.toString());
    assertEquals(0, exit, "javac");

    try (URLClassLoader application =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> orders = application.loadClass("shop.Orders");
      orders.getMethod("place", String.class, long.class)
          .invoke(orders.getConstructor().newInstance(), "o-9", 2L);
    }

    assertEquals(Map.of("orderId", "o-9", "order.count", 2L),
        backend.named("Orders.place").get(0).attributes());
  }
}
