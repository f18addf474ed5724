package io.warren.instrumentation.servlet;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous requests on an embedded Tomcat 10.1: {@code /async/answer} goes asynchronous and
 * is answered 201 from another thread once the first dispatch has returned through the
 * application's outermost filter; {@code /async/dispatch} is dispatched back to the servlet,
 * which answers 202 there; {@code /async/never} is never completed (its async timeout: 300 ms).
 */
class AsyncServletSpanTest {

  private static EmbeddedTomcat tomcat;
  private static volatile CountDownLatch firstDispatchReturned;
  private static volatile String currentInDispatch;

  @BeforeAll
  static void start() throws Exception {
    tomcat = new EmbeddedTomcat(List.of(new ServletInstrumentationModule()), AsyncServletSpanTest::servlet);
  }

  private static void servlet(Context context) {
    Wrapper wrapper = Tomcat.addServlet(context, "async", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI();
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
          currentInDispatch = Span.current().getSpanContext().getSpanId();
          response.setStatus(202);
          return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(300);
        switch (path) {
          case "/async/answer" -> async.start(() -> {
            await(firstDispatchReturned);
            response.setStatus(201);
            try {
              response.getWriter().print("answered later");
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
            async.complete();
          });
          case "/async/dispatch" -> async.dispatch();
          default -> { } // never completed
        }
      }
    });
    wrapper.setAsyncSupported(true);
    context.addServletMappingDecoded("/async/*", "async");
    // The application's outermost filter tells when the request's first dispatch has returned.
    EmbeddedTomcat.addPassingFilter(context, "outermost", () -> firstDispatchReturned.countDown());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.close();
  }

  @BeforeEach
  void reset() {
    tomcat.spans.reset();
    firstDispatchReturned = new CountDownLatch(1);
  }

  @Test
  void anAsynchronousRequestEndsWhenItCompletesWithTheStatusAnsweredThen() throws Exception {
    String response = tomcat.get("/async/answer");

    assertTrue(response.startsWith("HTTP/1.1 201"), response);
    assertTrue(response.endsWith("answered later"), response);
    SpanData span = tomcat.serverSpanOf("/async/answer");
    assertEquals(201L, span.getAttributes().get(longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void aRequestDispatchedBackIsOneSpanEndedWithTheStatusOfTheDispatch() throws Exception {
    assertTrue(tomcat.get("/async/dispatch").startsWith("HTTP/1.1 202"));

    SpanData span = tomcat.serverSpanOf("/async/dispatch");
    assertEquals(202L, span.getAttributes().get(longKey("http.response.status_code")));
    assertTrue(currentInDispatch.equals(span.getSpanId()) || currentInDispatch.equals("0000000000000000"),
        "the dispatch started no span of its own: " + currentInDispatch);
  }

  @Test
  void aRequestNeverCompletedIsEndedAndMarkedAtTheContainersAsyncTimeout() throws Exception {
    String response = tomcat.get("/async/never");

    assertTrue(response.startsWith("HTTP/1.1 500"), "Tomcat answers a timed-out request 500: " + response);
    SpanData span = tomcat.serverSpanOf("/async/never");
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("timeout", span.getAttributes().get(stringKey("error.type")));
    assertNull(span.getAttributes().get(longKey("http.response.status_code")), "ended before any answer");
  }
}
