package io.warren.instrumentation.concurrent;

import io.warren.instrumentation.concurrent.bootstrap.HandOff;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** {@code shutdownNow()} returns the tasks never run as the application handed them over. */
final class ShutdownNowAdvice {

  private ShutdownNowAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void onExit(@Advice.Return List<Runnable> drained) {
    HandOff.unwrapAll(drained);
  }
}
