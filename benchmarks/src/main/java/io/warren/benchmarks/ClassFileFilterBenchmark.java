package io.warren.benchmarks;

import io.warren.agent.TypeNameSearch;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The filter every class the application loads goes through while the agent runs ({@link
 * DeferredTransformer}): is one of the modules' type names anywhere in the class file? Over the
 * class files of {@code java.base} (none of which names them, the usual case), per pass over all
 * of them: {@code skipping} is {@link TypeNameSearch}, {@code eachName} the plain search for one
 * name after another that it replaced. In this package because the filter is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClassFileFilterBenchmark {

  /** The modules' type names in the agent jar when this was written, duplicates included. */
  private static final List<String> NAMES = List.of(
      "com/rabbitmq/client/impl/AMQImpl$Basic$Deliver",
      "com/rabbitmq/client/AMQP$BasicProperties",
      "com/rabbitmq/client/GetResponse",
      "com/rabbitmq/client/Consumer",
      "com/rabbitmq/client/Envelope",
      "org/springframework/amqp/core/Message",
      "org/springframework/amqp/rabbit/listener/BlockingQueueConsumer",
      "com/rabbitmq/client/Envelope",
      "com/rabbitmq/client/Envelope",
      "io/vertx/rabbitmq/RabbitMQMessage",
      "io/vertx/core/spi/metrics/PoolMetrics",
      "io/netty/channel/EventLoop",
      "Lch/qos/logback/classic/Logger;Lch/qos/logback/classic/Level;",
      "Ljava/util/List;Lorg/apache/logging/log4j/util/StringMap;)Lorg/apache/logging/log4j/util/StringMap;");

  private final List<byte[]> classFiles = new ArrayList<byte[]>();
  private final TypeNameSearch search = new TypeNameSearch(NAMES);
  private byte[][] names;

  @Setup
  public void readJavaBase() throws IOException {
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    try (Stream<Path> files = Files.walk(jrt.getPath("modules", "java.base"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.toString().endsWith(".class")) {
          classFiles.add(Files.readAllBytes(file));
        }
      }
    }
    names = new byte[NAMES.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = NAMES.get(i).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public int skipping() {
    int found = 0;
    for (byte[] classFile : classFiles) {
      if (search.foundIn(classFile)) {
        found++;
      }
    }
    return found;
  }

  @Benchmark
  public int eachName() {
    int found = 0;
    for (byte[] classFile : classFiles) {
      if (eachNameFoundIn(classFile)) {
        found++;
      }
    }
    return found;
  }

  private boolean eachNameFoundIn(byte[] classFile) {
    for (byte[] name : names) {
      for (int at = 0; at + name.length <= classFile.length; at++) {
        int j = 0;
        while (j < name.length && classFile[at + j] == name[j]) {
          j++;
        }
        if (j == name.length) {
          return true;
        }
      }
    }
    return false;
  }
}
