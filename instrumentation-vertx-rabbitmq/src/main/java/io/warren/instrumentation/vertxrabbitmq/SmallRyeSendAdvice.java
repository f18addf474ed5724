package io.warren.instrumentation.vertxrabbitmq;

import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxTasks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into SmallRye's sender's {@code send(publisher, message, ...)}, which converts the
 * message and hands it to the publisher: it runs with the message's own context.
 */
public final class SmallRyeSendAdvice {

  private SmallRyeSendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(1) Object message) {
    return VertxTasks.running(message);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object scope) {
    VertxTasks.ran(scope);
  }
}
