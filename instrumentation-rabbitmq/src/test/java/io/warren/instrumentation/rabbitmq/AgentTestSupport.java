package io.warren.instrumentation.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import io.warren.agent.api.ModuleInstaller;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;

/** Installs the RabbitMQ module into this JVM once, the way the agent does at premain. */
final class AgentTestSupport {

  static final RecordingBackend BACKEND = new RecordingBackend();
  private static boolean installed;

  private AgentTestSupport() {}

  static synchronized RecordingBackend install() {
    if (!installed) {
      ModuleInstaller.install(ByteBuddyAgent.install(), List.of(new RabbitMqInstrumentationModule()));
      installed = true;
    }
    Tracing.install(BACKEND);
    BACKEND.clear();
    return BACKEND;
  }

  static ConnectionFactory broker() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(System.getProperty("warren.test.broker.host", "127.0.0.1"));
    factory.setPort(Integer.getInteger("warren.test.broker.port", 5672));
    return factory;
  }
}
