package io.warren.instrumentation.rabbitmqstream.bootstrap;

import io.warren.bootstrap.Tracing;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The message handler a consumer builder gets in place of the application's: around each call
 * of the application's handler, a CONSUMER span, child of the context the message carries
 * (its application properties, where AMQP 0-9-1 headers land too, or its message annotations),
 * current while the handler runs. The handler gets the client's context and message as they
 * are. The client's {@code MessageHandler.Context} and {@code Message} are read through their
 * public interfaces.
 */
public final class TracedHandler extends Delegation {

  private final Method offset;
  private final Method stream;
  private final Method timestamp;
  private final Method applicationProperties;
  private final Method messageAnnotations;
  private final Method properties;
  private final Method messageId;

  private TracedHandler(Object handler, Class<?> contextType, Class<?> messageType)
      throws NoSuchMethodException {
    super(handler);
    offset = contextType.getMethod("offset");
    stream = contextType.getMethod("stream");
    timestamp = contextType.getMethod("timestamp");
    applicationProperties = messageType.getMethod("getApplicationProperties");
    messageAnnotations = messageType.getMethod("getMessageAnnotations");
    properties = messageType.getMethod("getProperties");
    messageId = properties.getReturnType().getMethod("getMessageId");
  }

  /**
   * {@code handler} traced, as a {@code handlerType} ({@code MessageHandler}); the handler itself
   * when it already is, or when the client's interfaces are not the ones this module knows.
   */
  public static Object wrap(Class<?> handlerType, Object handler) {
    if (handler == null || handlerOf(handler, TracedHandler.class) != null) {
      return handler;
    }
    for (Method method : handlerType.getMethods()) {
      Class<?>[] parameters = method.getParameterTypes();
      if ("handle".equals(method.getName()) && parameters.length == 2) {
        try {
          return proxy(handlerType, new TracedHandler(handler, parameters[0], parameters[1]));
        } catch (NoSuchMethodException e) {
          return handler;
        }
      }
    }
    return handler;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (isObjectMethod(method)) {
      return objectMethod(proxy, method, args, delegate);
    }
    if (!"handle".equals(method.getName()) || args == null || args.length != 2) {
      return passOn(method, args);
    }
    Object span = start(args[0], args[1]);
    Throwable error = null;
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      error = e.getCause();
      throw error;
    } finally {
      Tracing.end(span, error);
    }
  }

  /** The CONSUMER span of one message, made current; null when it could not be described. */
  @SuppressWarnings("unchecked")
  private Object start(Object context, Object message) {
    try {
      ContextEntries carrier =
          ContextEntries.of(
              (Map<String, Object>) messageAnnotations.invoke(message),
              (Map<String, Object>) applicationProperties.invoke(message));
      Object amqpProperties = properties.invoke(message);
      return Tracing.startCurrent(
          StreamSpans.process(
              (String) stream.invoke(context),
              amqpProperties == null ? null : messageId.invoke(amqpProperties),
              (Long) offset.invoke(context),
              (Long) timestamp.invoke(context),
              System.currentTimeMillis(),
              carrier));
    } catch (Throwable t) {
      return null; // the handler runs untraced
    }
  }
}
