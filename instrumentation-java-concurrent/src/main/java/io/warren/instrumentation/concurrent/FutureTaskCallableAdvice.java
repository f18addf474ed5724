package io.warren.instrumentation.concurrent;

import io.warren.instrumentation.concurrent.bootstrap.HandOff;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/** {@code FutureTask(Callable)}: as {@link FutureTaskRunnableAdvice}, for a Callable. */
final class FutureTaskCallableAdvice {

  private FutureTaskCallableAdvice() {}

  @Advice.OnMethodEnter
  static void onEnter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
    task = HandOff.wrap(task);
  }
}
