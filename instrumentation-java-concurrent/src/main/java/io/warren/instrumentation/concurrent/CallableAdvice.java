package io.warren.instrumentation.concurrent;

import io.warren.instrumentation.concurrent.bootstrap.HandOff;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/** A task that returns a value, submitted or scheduled. */
final class CallableAdvice {

  private CallableAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void onEnter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
    task = HandOff.wrap(task);
  }
}
