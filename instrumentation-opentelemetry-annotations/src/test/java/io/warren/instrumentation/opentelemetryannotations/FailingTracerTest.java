package io.warren.instrumentation.opentelemetryannotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.ThrowingBackend;
import com.example.shop.Shop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A tracer failing at every call never changes what an annotated method does. */
class FailingTracerTest {

  private final ThrowingBackend failing = new ThrowingBackend();
  private final Shop shop = newShop();

  private Shop newShop() {
    AgentInThisJvm.install();
    Tracing.install(failing);
    return new Shop();
  }

  @AfterEach
  void restore() {
    AgentInThisJvm.install();
  }

  @Test
  void resultsExceptionsAndFuturesAreTheApplicationsOwn() {
    int[] ran = new int[1];
    assertEquals("checked out", shop.checkout(() -> ran[0]++));
    assertEquals(1, ran[0]);
    IllegalStateException error = new IllegalStateException("out of stock");
    assertSame(error, assertThrows(IllegalStateException.class, () -> shop.fail(error)));
    CompletableFuture<String> result = new CompletableFuture<>();
    assertSame(result, shop.later(result));
    result.complete("done");
    shop.order("o-1", 1, false, 1.0, List.of(), new int[0], new Shop.Customer(1), null, null, null);

    assertTrue(failing.calls.get() > 0, "the tracer was called, and failed");
  }
}
