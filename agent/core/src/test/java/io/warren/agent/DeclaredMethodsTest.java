package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeclaredMethodsTest {

  /** The internal names of the library's types that instrumented signatures use. */
  private static final byte[][] MARKERS = {
    internalName(Properties.class), internalName(Envelope.class)
  };

  // A stand-in for a client library: the types its instrumented methods take, the interface an
  // application calls, and the base class an application extends.

  /** A message's properties, as a library passes them to a publish. */
  static final class Properties {}

  /** Where a received message came from, as a library passes it to a handler. */
  static final class Envelope {}

  /** What an application calls to send. */
  interface Channel {
    void publish(String exchange, String key, Properties properties, byte[] body) throws IOException;
  }

  /** The library's base class for handlers: its own handle method declares both types. */
  abstract static class Consumer {
    public void handle(String tag, Envelope envelope, Properties properties, byte[] body) {}
  }

  /** Calls the library, with constants of every width in its pool, but declares nothing of it. */
  static final class Caller {
    static final long BIG = 1L << 40;
    static final double RATIO = 0.25;
    final String name = "caller";

    void send(Channel channel) throws IOException {
      channel.publish("", "q" + BIG + RATIO, new Properties(), new byte[0]);
    }
  }

  /** Overrides the handler method: Envelope and Properties are in its descriptor. */
  static final class Handler extends Consumer {
    @Override
    public void handle(String tag, Envelope envelope, Properties properties, byte[] body) {}
  }

  private static byte[] internalName(Class<?> type) {
    return type.getName().replace('.', '/').getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream in = DeclaredMethodsTest.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aClassThatOnlyCallsTheLibraryNeedsNoInstrumenting() throws IOException {
    byte[] caller = classFile(Caller.class);
    assertTrue(
        DeclaredMethods.containsAny(caller, new byte[][] {MARKERS[0]}), "it does mention the type");
    assertFalse(DeclaredMethods.anyMentions(caller, MARKERS));
  }

  @Test
  void aClassThatDeclaresAnInstrumentedSignatureDoes() throws IOException {
    assertTrue(DeclaredMethods.anyMentions(classFile(Handler.class), MARKERS));
    assertTrue(DeclaredMethods.anyMentions(classFile(Consumer.class), MARKERS));
    assertFalse(DeclaredMethods.anyMentions(classFile(Properties.class), MARKERS), "names itself only");
  }

  @Test
  void anUnreadableClassFileCountsAsACandidate() {
    assertTrue(DeclaredMethods.anyMentions(new byte[] {1, 2, 3}, MARKERS));
  }

  @Test
  void findsAMarkerAnywhereInTheClassFile() {
    byte[][] marker = {bytes("org/example/lib/Envelope")};
    assertTrue(DeclaredMethods.containsAny(bytes("org/example/lib/Envelope"), marker));
    assertTrue(DeclaredMethods.containsAny(bytes("xxorg/example/lib/Envelope;"), marker));
    assertFalse(DeclaredMethods.containsAny(bytes("org/example/lib/Envelop"), marker));
    assertFalse(DeclaredMethods.containsAny(bytes(""), marker));
  }

  @Test
  void findsEachOfSeveralMarkersWithOrWithoutASharedPrefix() {
    byte[][] sharing = {bytes("org/example/lib/Envelope"), bytes("org/example/lib/GetResponse")};
    byte[][] unrelated = {bytes("org/example/lib/Envelope"), bytes("org/example/Handler")};
    assertTrue(DeclaredMethods.containsAny(bytes("x org/example/lib/GetResponse;"), sharing));
    assertTrue(DeclaredMethods.containsAny(bytes("org/example/lib/Envelope"), sharing));
    assertFalse(DeclaredMethods.containsAny(bytes("org/example/lib/GetRespons"), sharing));
    assertFalse(DeclaredMethods.containsAny(bytes("org/example/lib/Channel"), sharing));
    assertTrue(DeclaredMethods.containsAny(bytes("Lorg/example/Handler;"), unrelated));
    assertFalse(DeclaredMethods.containsAny(bytes("org/example/Handle"), unrelated));
  }

  private static byte[] bytes(String content) {
    return content.getBytes(StandardCharsets.UTF_8);
  }
}
