package io.warren.agent.zipkin;

import java.io.IOException;

/** Where an encoded {@code ListOfSpans} goes. */
interface ZipkinSender {

  /** Sends the spans, or throws when Zipkin did not take them. */
  void send(Proto3Buffer spans) throws IOException;
}
