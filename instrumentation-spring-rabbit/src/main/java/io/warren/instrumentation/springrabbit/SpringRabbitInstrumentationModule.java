package io.warren.instrumentation.springrabbit;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traces Spring AMQP's listener containers (spring-rabbit 3.x and 4.x): the simple container,
 * which hands each delivery from the client's thread to its own, and the direct container,
 * which runs the listener on the client's thread. Publishes and gets still go through the
 * RabbitMQ client module.
 */
public final class SpringRabbitInstrumentationModule implements InstrumentationModule {

  static final String CONTAINER = "org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer";
  static final String SIMPLE_CONTAINER = "org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer";
  static final String DIRECT_CONSUMER =
      "org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer$SimpleConsumer";
  /** The simple container's consumer: its handleDelivery only queues the delivery. */
  static final String SIMPLE_CONSUMER =
      "org.springframework.amqp.rabbit.listener.BlockingQueueConsumer$InternalConsumer";

  @Override
  public String name() {
    return "spring-rabbit";
  }

  @Override
  public String requiredClass() {
    return CONTAINER;
  }

  @Override
  public List<String> referencedTypes() {
    // The container declares methods taking a Message, the simple container one taking its
    // BlockingQueueConsumer, the direct container's consumer handleDelivery(.., Envelope, ..).
    return Arrays.asList(
        "org/springframework/amqp/core/Message",
        "org/springframework/amqp/rabbit/listener/BlockingQueueConsumer",
        "com/rabbitmq/client/Envelope");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ListenerContainerInstrumentation(), new SettlingInstrumentation());
  }

  /**
   * The containers' own client consumers: the span of a delivery is the listener's, made here,
   * so the client module must not make a second one around the enqueue (simple container) or
   * around the whole listener call (direct container).
   */
  @Override
  public Map<String, Set<String>> supersedes() {
    return Collections.<String, Set<String>>singletonMap(
        "rabbitmq", new HashSet<String>(Arrays.asList(SIMPLE_CONSUMER, DIRECT_CONSUMER)));
  }

  @Override
  public Map<String, String> resourceDefaults() {
    String name = SpringApplicationName.find();
    return name == null
        ? Collections.<String, String>emptyMap()
        : Collections.singletonMap("service.name", name);
  }
}
