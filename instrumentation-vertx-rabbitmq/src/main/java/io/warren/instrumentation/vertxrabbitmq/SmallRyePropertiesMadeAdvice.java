package io.warren.instrumentation.vertxrabbitmq;

import io.warren.instrumentation.vertxrabbitmq.bootstrap.VertxTasks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined after the constructor of SmallRye's converted outgoing message: the properties made
 * for it take the context current here (the message's, see {@link SmallRyeSendAdvice}) to the
 * Vert.x publisher, which sends the message later, from elsewhere.
 */
public final class SmallRyePropertiesMadeAdvice {

  private SmallRyePropertiesMadeAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Argument(2) Object properties) {
    VertxTasks.handedOver(properties);
  }
}
