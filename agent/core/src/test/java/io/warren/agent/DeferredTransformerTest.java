package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeferredTransformerTest {

  private static final byte[] TRANSFORMED = {42};
  private static final ClassFileTransformer MARKING =
      new ClassFileTransformer() {
        @Override
        public byte[] transform(
            ClassLoader l, String n, Class<?> c, ProtectionDomain d, byte[] b) {
          return TRANSFORMED;
        }
      };

  private static byte[] classFile(String content) {
    return content.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void classesThatMentionNoInstrumentedTypeNeverWaitNorReachTheDelegate() throws Exception {
    DeferredTransformer deferred = new DeferredTransformer(List.of("com/rabbitmq/client/Envelope"));
    // Not ready yet: an unrelated class must pass at once.
    assertNull(deferred.transform(null, null, "a/B", null, null, classFile("java/lang/Object")));
    deferred.ready(MARKING);
    assertNull(deferred.transform(null, null, "a/B", null, null, classFile("java/lang/Object")));
  }

  @Test
  void aCandidateLoadedDuringStartWaitsAndIsThenTransformed() throws Exception {
    DeferredTransformer deferred = new DeferredTransformer(List.of("com/rabbitmq/client/Envelope"));
    byte[] candidate = classFile("(Ljava/lang/String;Lcom/rabbitmq/client/Envelope;)V");
    CompletableFuture<byte[]> loading =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return deferred.transform(null, null, "c/Consumer", null, null, candidate);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(200);
    assertFalse(loading.isDone(), "the candidate waits for the agent");
    deferred.ready(MARKING);
    assertArrayEquals(TRANSFORMED, loading.get(5, TimeUnit.SECONDS));
  }

  @Test
  void whenTracingDidNotStartCandidatesLoadUntouched() throws Exception {
    DeferredTransformer deferred = new DeferredTransformer(List.of("com/rabbitmq/client/Envelope"));
    deferred.ready(null);
    assertNull(deferred.transform(null, null, "c/C", null, null, classFile("xcom/rabbitmq/client/Envelope")));
  }
}
