package io.warren.instrumentation.rabbitmqstream.bootstrap;

import com.rabbitmq.stream.Codec;
import com.rabbitmq.stream.codec.QpidProtonCodec;
import io.warren.bootstrap.Tracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test with a {@link RecordingTracer} installed, and the client's default codec at hand. */
abstract class TracerTest {

  final RecordingTracer tracer = new RecordingTracer();
  final Codec codec = new QpidProtonCodec();

  @BeforeEach
  void installTracer() {
    Tracing.install(tracer);
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
