package io.warren.smoketest.apps;

/**
 * A small HTTP service (see {@link HttpApp}) that other services call: {@code GET /stock/<id>}
 * answers 200 {@code in stock <id>}, or 404 for the id {@code missing}.
 */
public final class Inventory {
  private Inventory() {}

  public static void main(String[] argv) throws Exception {
    HttpApp.serve(AppArgs.parse(argv), "/stock/", exchange -> {
      String id = HttpApp.lastSegment(exchange);
      if (id.equals("missing")) {
        HttpApp.respond(exchange, 404, "unknown " + id + "\n");
      } else {
        HttpApp.respond(exchange, 200, "in stock " + id + "\n");
      }
    });
  }
}
