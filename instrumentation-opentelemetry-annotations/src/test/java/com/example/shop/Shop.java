package com.example.shop;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An application's own spans, by annotation (compiled without {@code -parameters}). */
public class Shop {

  /** A customer whose {@code toString()} is what an attribute shows. */
  public record Customer(int number) {
    @Override
    public String toString() {
      return "customer " + number;
    }
  }

  /** Runs {@code inside} (a publish, say) in the method's span. */
  @WithSpan
  public String checkout(Runnable inside) {
    inside.run();
    return "checked out";
  }

  @WithSpan(value = "price lookup", kind = SpanKind.CLIENT)
  public long price(String item) {
    return item.length();
  }

  @WithSpan
  public void fail(RuntimeException error) {
    throw error;
  }

  @WithSpan
  public void failChecked(IOException error) throws IOException {
    throw error;
  }

  /** Returns the future it is given: the span ends when it completes. */
  @WithSpan
  public CompletableFuture<String> later(CompletableFuture<String> result) {
    return result;
  }

  @WithSpan("stage")
  public CompletionStage<String> stage(CompletableFuture<String> result) {
    return result.thenApply(String::toUpperCase);
  }

  @WithSpan
  public void order(
      @SpanAttribute("order.id") String id,
      @SpanAttribute("order.count") int count,
      @SpanAttribute("order.gift") boolean gift,
      @SpanAttribute("order.total") double total,
      @SpanAttribute("order.items") List<String> items,
      @SpanAttribute("order.sizes") int[] sizes,
      @SpanAttribute("order.customer") Customer customer,
      @SpanAttribute("order.note") String note,
      @SpanAttribute String unnamed,
      String notAnAttribute) {}

  /** A new trace, whatever the caller's (inheritContext, instrumentation-annotations 2.x). */
  @WithSpan(value = "nightly", inheritContext = false)
  public void nightly(Runnable inside) {
    inside.run();
  }

  /** Not annotated: no span. */
  public String plain() {
    return "plain";
  }
}
