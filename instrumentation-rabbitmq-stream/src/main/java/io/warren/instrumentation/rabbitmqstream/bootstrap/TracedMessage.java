package io.warren.instrumentation.rabbitmqstream.bootstrap;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message a traced send hands to the client in place of the application's: the same message,
 * whose application properties also hold the trace context. The client's messages cannot be
 * changed once built, and the application's message is never written to (it may be sent again,
 * or shared), so the client encodes this stand-in instead; the application gets its own message
 * back in the confirmation ({@link ConfirmingHandler}).
 *
 * <p>A message of the default codec is encoded from the Proton message it wraps: its stand-in is
 * a copy ({@link ProtonMessageCopy}). Any other message is encoded from its getters: its stand-in
 * is a proxy passing every call on but {@code getApplicationProperties()}. Another codec's own
 * wrapper (SwiftMQ's) would be encoded from what it wraps, which a proxy hides: it is sent as it
 * is, without the context.
 *
 * <p>Why the application properties and not the message annotations: RabbitMQ hands a stream
 * message's application properties to AMQP 0-9-1 consumers as headers, and AMQP 0-9-1 headers to
 * stream consumers as application properties, so the context crosses between the two clients;
 * message annotations do not reach AMQP 0-9-1 consumers (RabbitMQ 3.10).
 */
final class TracedMessage extends Delegation {

  private final Map<String, Object> applicationProperties;

  private TracedMessage(Object message, Map<String, Object> applicationProperties) {
    super(message);
    this.applicationProperties = applicationProperties;
  }

  /**
   * {@code message} with {@code added} among its application properties ({@code properties}, its
   * own, may be null), as a {@code messageType}; the message itself when nothing is added.
   */
  static Object wrap(
      Class<?> messageType, Object message, Map<String, Object> properties, Map<String, Object> added)
      throws ReflectiveOperationException {
    if (added.isEmpty()) {
      return message;
    }
    if (ProtonMessageCopy.isProtonWrapper(message)) {
      return ProtonMessageCopy.withEntries(messageType, message, added);
    }
    if (message.getClass().getName().endsWith("AmqpMessageWrapper")) {
      return message;
    }
    Map<String, Object> withContext =
        properties == null
            ? new LinkedHashMap<String, Object>()
            : new LinkedHashMap<String, Object>(properties);
    withContext.putAll(added);
    return proxy(messageType, new TracedMessage(message, withContext));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (isObjectMethod(method)) {
      if ("equals".equals(name)) {
        return proxy == args[0];
      }
      return "hashCode".equals(name) ? System.identityHashCode(proxy) : delegate.toString();
    }
    if ("getApplicationProperties".equals(name) && method.getParameterTypes().length == 0) {
      return applicationProperties;
    }
    Object result = passOn(method, args);
    // annotate() returns the message it was called on: this stand-in, not the one behind it.
    return result == delegate ? proxy : result;
  }
}
