package io.warren.smoketest.apps;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The demo's mail service, which notifications calls (see {@link HttpApp}): {@code POST /send}
 * answers 202 {@code queued}; prints {@code MAIL <body>} for each request.
 */
public final class Mailer {
  private Mailer() {}

  public static void main(String[] argv) throws Exception {
    HttpApp.serve(AppArgs.parse(argv), "/send", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        System.out.println("MAIL " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      HttpApp.respond(exchange, 202, "queued\n");
    });
  }
}
