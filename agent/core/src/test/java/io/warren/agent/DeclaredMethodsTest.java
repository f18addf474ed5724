package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeclaredMethodsTest {

  private static final byte[][] MARKERS = {
    "com/rabbitmq/client/AMQP$BasicProperties".getBytes(StandardCharsets.UTF_8),
    "com/rabbitmq/client/Envelope".getBytes(StandardCharsets.UTF_8)
  };

  /** Calls the client, with constants of every width in its pool, but declares nothing of it. */
  static final class Caller {
    static final long BIG = 1L << 40;
    static final double RATIO = 0.25;
    final String name = "caller";

    void send(Channel channel) throws IOException {
      channel.basicPublish("", "q" + BIG + RATIO, new AMQP.BasicProperties(), new byte[0]);
    }
  }

  /** Overrides handleDelivery: Envelope and BasicProperties are in its descriptor. */
  static final class Handler extends DefaultConsumer {
    Handler(Channel channel) {
      super(channel);
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] b) {}
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream in = DeclaredMethodsTest.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aClassThatOnlyCallsTheClientNeedsNoInstrumenting() throws IOException {
    byte[] caller = classFile(Caller.class);
    assertTrue(
        DeclaredMethods.containsAny(caller, new byte[][] {MARKERS[0]}), "it does mention the type");
    assertFalse(DeclaredMethods.anyMentions(caller, MARKERS));
  }

  @Test
  void aClassThatDeclaresAnInstrumentedSignatureDoes() throws IOException {
    assertTrue(DeclaredMethods.anyMentions(classFile(Handler.class), MARKERS));
    assertTrue(DeclaredMethods.anyMentions(classFile(DefaultConsumer.class), MARKERS));
  }

  @Test
  void anUnreadableClassFileCountsAsACandidate() {
    assertTrue(DeclaredMethods.anyMentions(new byte[] {1, 2, 3}, MARKERS));
  }

  @Test
  void findsAMarkerAnywhereInTheClassFile() {
    byte[][] marker = {bytes("com/rabbitmq/client/Envelope")};
    assertTrue(DeclaredMethods.containsAny(bytes("com/rabbitmq/client/Envelope"), marker));
    assertTrue(DeclaredMethods.containsAny(bytes("xxcom/rabbitmq/client/Envelope;"), marker));
    assertFalse(DeclaredMethods.containsAny(bytes("com/rabbitmq/client/Envelop"), marker));
    assertFalse(DeclaredMethods.containsAny(bytes(""), marker));
  }

  @Test
  void findsEachOfSeveralMarkersWithOrWithoutASharedPrefix() {
    byte[][] sharing = {bytes("com/rabbitmq/client/Envelope"), bytes("com/rabbitmq/client/GetResponse")};
    byte[][] unrelated = {bytes("com/rabbitmq/client/Envelope"), bytes("org/example/Handler")};
    assertTrue(DeclaredMethods.containsAny(bytes("x com/rabbitmq/client/GetResponse;"), sharing));
    assertTrue(DeclaredMethods.containsAny(bytes("com/rabbitmq/client/Envelope"), sharing));
    assertFalse(DeclaredMethods.containsAny(bytes("com/rabbitmq/client/GetRespons"), sharing));
    assertFalse(DeclaredMethods.containsAny(bytes("com/rabbitmq/client/Channel"), sharing));
    assertTrue(DeclaredMethods.containsAny(bytes("Lorg/example/Handler;"), unrelated));
    assertFalse(DeclaredMethods.containsAny(bytes("org/example/Handle"), unrelated));
  }

  private static byte[] bytes(String content) {
    return content.getBytes(StandardCharsets.UTF_8);
  }
}
