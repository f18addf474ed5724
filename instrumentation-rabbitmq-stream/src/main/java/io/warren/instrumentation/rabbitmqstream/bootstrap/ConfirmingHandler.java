package io.warren.instrumentation.rabbitmqstream.bootstrap;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * The confirmation handler a traced send hands to the client in place of the application's: it
 * ends the publish span with the outcome, then calls the application's handler (if it gave one)
 * with the outcome for its own message, as the client would have. The client's
 * {@code ConfirmationStatus} is read through its public methods.
 */
final class ConfirmingHandler extends Delegation {

  private final Object publish;
  private final Object sent;
  private final Object original;

  private ConfirmingHandler(Object applicationHandler, Object publish, Object sent, Object original) {
    super(applicationHandler);
    this.publish = publish;
    this.sent = sent;
    this.original = original;
  }

  /**
   * A {@code handlerType} that ends {@code publish} and then calls {@code handler} (may be null),
   * with the outcome for {@code original} where the client reports it for {@code sent}.
   */
  static Object wrap(Class<?> handlerType, Object handler, Object publish, Object sent, Object original) {
    return proxy(handlerType, new ConfirmingHandler(handler, publish, sent, original));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (isObjectMethod(method)) {
      return objectMethod(proxy, method, args, delegate);
    }
    Object status = args == null || args.length != 1 ? null : args[0];
    if (status != null && "handle".equals(method.getName())) {
      try {
        status = statusOfOriginal(status);
      } catch (Throwable t) {
        // The application still gets the client's status, as it is.
      }
    }
    if (delegate == null) {
      return null; // the application gave no handler: the client's default does nothing
    }
    return passOn(method, status == null ? args : new Object[] {status});
  }

  /**
   * Ends the publish span with the outcome in {@code status}, and returns the status for the
   * application's own message: the same outcome, the message the application sent.
   */
  private Object statusOfOriginal(Object status) throws Exception {
    StatusType type = StatusType.of(status.getClass());
    boolean confirmed = (Boolean) type.isConfirmed.invoke(status);
    short code = (Short) type.getCode.invoke(status);
    OpenPublishes.confirmed(publish, confirmed, code);
    return type.getMessage.invoke(status) == sent && sent != original
        ? type.make.newInstance(original, confirmed, code)
        : status;
  }

  /** The public members of the client's ConfirmationStatus, looked up once per class. */
  private static final class StatusType {
    private static volatile StatusType last;

    final Class<?> type;
    final Method getMessage;
    final Method isConfirmed;
    final Method getCode;
    final Constructor<?> make;

    private StatusType(Class<?> type) throws NoSuchMethodException {
      this.type = type;
      getMessage = type.getMethod("getMessage");
      isConfirmed = type.getMethod("isConfirmed");
      getCode = type.getMethod("getCode");
      make = type.getConstructor(getMessage.getReturnType(), boolean.class, short.class);
    }

    static StatusType of(Class<?> type) throws NoSuchMethodException {
      StatusType known = last;
      if (known == null || known.type != type) {
        known = new StatusType(type);
        last = known;
      }
      return known;
    }
  }
}
