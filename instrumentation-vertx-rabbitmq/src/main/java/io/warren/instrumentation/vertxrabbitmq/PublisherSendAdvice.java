package io.warren.instrumentation.vertxrabbitmq;

import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxTasks;
import net.bytebuddy.asm.Advice;

/** Inlined into the Vert.x publisher's {@code doSend}: the message is sent with its own context. */
public final class PublisherSendAdvice {

  private PublisherSendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(0) Object message) {
    return VertxTasks.runningAgain(message);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object scope) {
    VertxTasks.ran(scope);
  }
}
