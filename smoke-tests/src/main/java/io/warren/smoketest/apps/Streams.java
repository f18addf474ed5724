package io.warren.smoketest.apps;

import com.rabbitmq.stream.Address;
import com.rabbitmq.stream.Environment;

/** The Stream Java client's environment of the stream sample applications. */
final class Streams {
  private Streams() {}

  /**
   * An environment on {@code --stream-port} (default 5552) of 127.0.0.1. The broker advertises
   * its host name for producers and consumers; the address resolver keeps every connection on
   * the address given.
   */
  static Environment environment(AppArgs args) {
    return environment(args.integer("stream-port", 5552));
  }

  /** An environment whose every connection goes to 127.0.0.1:{@code port}. */
  static Environment environment(int port) {
    Address address = new Address("127.0.0.1", port);
    return Environment.builder()
        .host(address.host())
        .port(address.port())
        .addressResolver(advertised -> address)
        .build();
  }
}
