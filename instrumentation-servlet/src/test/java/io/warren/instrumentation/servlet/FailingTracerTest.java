package io.warren.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.ThrowingBackend;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tracer that fails at every call behind the servlet module changes no answer: status, headers
 * and body as with a working one, for a plain answer, a 404, a 500 and a servlet that throws.
 */
class FailingTracerTest {

  private static final List<String> PATHS = List.of("/orders/7", "/orders/missing", "/orders/fail", "/orders/throw");
  private static EmbeddedTomcat tomcat;

  @BeforeAll
  static void start() throws Exception {
    tomcat = new EmbeddedTomcat(List.of(new ServletInstrumentationModule()), FailingTracerTest::orders);
  }

  private static void orders(Context context) {
    Tomcat.addServlet(context, "orders", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
        switch (id) {
          case "throw" -> throw new IllegalStateException("the servlet failed");
          case "missing" -> response.sendError(404);
          case "fail" -> response.setStatus(500);
          default -> response.getWriter().print("order " + id);
        }
      }
    });
    context.addServletMappingDecoded("/orders/*", "orders");
    EmbeddedTomcat.addPassingFilter(context, "passing", () -> { });
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.close();
  }

  @Test
  void theAnswersAreThoseOfAWorkingTracer() throws Exception {
    List<String> working = answers();
    ThrowingBackend failing = new ThrowingBackend();
    Tracing.install(failing);

    List<String> withFailingTracer = answers();

    assertEquals(working, withFailingTracer);
    assertTrue(working.get(0).contains("order 7"), working.get(0));
    assertTrue(failing.calls.get() > 0, "the failing tracer was called");
  }

  /** Each path's whole answer, without its Date header. */
  private static List<String> answers() throws IOException {
    List<String> answers = new ArrayList<>();
    for (String path : PATHS) {
      answers.add(tomcat.get(path).lines()
          .filter(line -> !line.regionMatches(true, 0, "Date:", 0, 5))
          .collect(Collectors.joining("\n")));
    }
    return answers;
  }
}
