package io.warren.instrumentation.concurrent;

import io.warren.instrumentation.concurrent.bootstrap.HandOff;
import java.util.Collection;
import net.bytebuddy.asm.Advice;

/** Tasks run together: {@code invokeAll}, {@code invokeAny}. */
final class CallablesAdvice {

  private CallablesAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void onEnter(@Advice.Argument(value = 0, readOnly = false) Collection tasks) {
    tasks = HandOff.wrapAll(tasks);
  }
}
