package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredMethodsTest {

  /** The internal names of the library's types that instrumented signatures use. */
  private static final TypeNameSearch TYPES =
      new TypeNameSearch(List.of(internalName(Properties.class), internalName(Envelope.class)));

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

  /** A library's annotation that marks the methods it traces (no type of it in any signature). */
  @Retention(RetentionPolicy.RUNTIME)
  @interface Traced {}

  /** Another annotation, with values of every shape, which the reader must step over. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface Described {
    String text();

    ElementType where();

    Class<?> type();

    Retention nested();

    int[] numbers();
  }

  private static final TypeNameSearch ANNOTATION = new TypeNameSearch(List.of(internalName(Traced.class)));

  static final class AnnotatedMethod {
    @Described(text = "checkout", where = ElementType.METHOD, type = String.class,
        nested = @Retention(RetentionPolicy.CLASS), numbers = {1, 2})
    @Traced
    void checkout(String order) {}
  }

  /** The annotation on the class, on a parameter and in a nested class: no method of it is traced. */
  @Traced
  static final class AnnotatedElsewhere {
    @Described(text = "x", where = ElementType.TYPE, type = int.class,
        nested = @Retention(RetentionPolicy.SOURCE), numbers = {})
    void checkout(@Traced String order) {
      new Object() {
        @Traced
        void inner() {}
      };
    }
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
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
    assertTrue(TYPES.foundIn(caller), "it does mention the type");
    assertFalse(DeclaredMethods.anyMentions(caller, TYPES));
  }

  @Test
  void aClassThatDeclaresAnInstrumentedSignatureDoes() throws IOException {
    assertTrue(DeclaredMethods.anyMentions(classFile(Handler.class), TYPES));
    assertTrue(DeclaredMethods.anyMentions(classFile(Consumer.class), TYPES));
    assertFalse(DeclaredMethods.anyMentions(classFile(Properties.class), TYPES), "names itself only");
  }

  @Test
  void aMethodAnnotatedWithALibrarysAnnotationNeedsInstrumenting() throws IOException {
    byte[] annotated = classFile(AnnotatedMethod.class);
    assertTrue(DeclaredMethods.anyMentions(annotated, ANNOTATION));
  }

  @Test
  void theAnnotationOnTheClassOrInAnotherClassIsNotAMethodOfThisOne() throws IOException {
    byte[] elsewhere = classFile(AnnotatedElsewhere.class);
    assertTrue(ANNOTATION.foundIn(elsewhere), "it does mention the annotation");
    assertFalse(DeclaredMethods.anyMentions(elsewhere, ANNOTATION));
  }

  @Test
  void anUnreadableClassFileCountsAsACandidate() {
    assertTrue(DeclaredMethods.anyMentions(new byte[] {1, 2, 3}, TYPES));
  }
}
