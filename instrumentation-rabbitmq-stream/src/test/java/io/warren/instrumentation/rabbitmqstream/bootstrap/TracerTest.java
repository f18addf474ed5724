package io.warren.instrumentation.rabbitmqstream.bootstrap;

import com.rabbitmq.stream.Codec;
import com.rabbitmq.stream.codec.QpidProtonCodec;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test with the test kit's {@link RecordingBackend} installed, and the client's default codec at hand. */
abstract class TracerTest {

  final RecordingBackend backend = new RecordingBackend();
  final Codec codec = new QpidProtonCodec();

  @BeforeEach
  void installTracer() {
    // No send of an earlier test is left waiting to end into this test's backend (the kit's
    // span ids repeat from one backend to the next).
    OpenPublishes.expire(System.nanoTime() + TimeUnit.DAYS.toNanos(1));
    Tracing.install(backend);
  }

  @AfterEach
  void uninstallTracer() {
    Tracing.install(null);
  }

  /** What the client would read back from the stream: {@code message} encoded, then decoded. */
  com.rabbitmq.stream.Message roundTrip(com.rabbitmq.stream.Message message) {
    return codec.decode(bytes(codec.encode(message)));
  }

  static byte[] bytes(Codec.EncodedMessage encoded) {
    byte[] bytes = new byte[encoded.getSize()];
    System.arraycopy(encoded.getData(), 0, bytes, 0, encoded.getSize());
    return bytes;
  }
}
