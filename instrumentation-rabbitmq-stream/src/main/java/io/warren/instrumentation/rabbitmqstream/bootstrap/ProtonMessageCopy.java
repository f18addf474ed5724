package io.warren.instrumentation.rabbitmqstream.bootstrap;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message built with the client's default codec (Qpid Proton) is encoded as the Proton message
 * it wraps, whatever its getters say. So the context goes into a {@code copy()} of it (the
 * client's own: a new Proton message with the same sections) whose Proton application
 * properties are replaced by a new map with the same entries plus the context. The wrapped
 * message and every section it shares with the application's message stay as they were.
 */
final class ProtonMessageCopy {

  static final String WRAPPER = "com.rabbitmq.stream.codec.QpidProtonCodec$QpidProtonAmqpMessageWrapper";

  private static volatile ProtonMessageCopy last;

  private final Class<?> wrapperType;
  private final Method copy;
  private final Field proton;
  private final Method getApplicationProperties;
  private final Method setApplicationProperties;
  private final Method valueOfApplicationProperties;
  private final Constructor<?> newApplicationProperties;

  private ProtonMessageCopy(Class<?> messageType, Class<?> wrapperType)
      throws ReflectiveOperationException {
    this.wrapperType = wrapperType;
    copy = messageType.getMethod("copy"); // the wrapper's class is not public: call it as a Message
    proton = wrapperType.getDeclaredField("message");
    proton.setAccessible(true);
    Class<?> protonMessage = proton.getType();
    getApplicationProperties = protonMessage.getMethod("getApplicationProperties");
    Class<?> applicationProperties = getApplicationProperties.getReturnType();
    setApplicationProperties = protonMessage.getMethod("setApplicationProperties", applicationProperties);
    valueOfApplicationProperties = applicationProperties.getMethod("getValue");
    newApplicationProperties = applicationProperties.getConstructor(Map.class);
  }

  static boolean isProtonWrapper(Object message) {
    return WRAPPER.equals(message.getClass().getName());
  }

  /** A copy of {@code message} (a Proton wrapper) whose application properties also hold {@code added}. */
  @SuppressWarnings("unchecked")
  static Object withEntries(Class<?> messageType, Object message, Map<String, Object> added)
      throws ReflectiveOperationException {
    ProtonMessageCopy access = last;
    if (access == null || access.wrapperType != message.getClass()) {
      access = new ProtonMessageCopy(messageType, message.getClass());
      last = access;
    }
    Object copy = access.copy.invoke(message);
    Object protonCopy = access.proton.get(copy);
    Object properties = access.getApplicationProperties.invoke(protonCopy);
    Map<String, Object> entries = new LinkedHashMap<String, Object>();
    if (properties != null) {
      Map<String, Object> own = (Map<String, Object>) access.valueOfApplicationProperties.invoke(properties);
      if (own != null) {
        entries.putAll(own);
      }
    }
    entries.putAll(added);
    access.setApplicationProperties.invoke(protonCopy, access.newApplicationProperties.newInstance(entries));
    return copy;
  }
}
