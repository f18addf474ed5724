package io.warren.instrumentation.servlet.bootstrap;

import io.warren.bootstrap.CallDepth;

/** What the servlet advice shares: its instrumentation scope and its nesting guard. */
public final class Servlets {

  public static final String INSTRUMENTATION = "io.warren.servlet";

  /** Filters call the next filter, the last one the servlet: the outermost call is the request. */
  public static final int REQUEST_DEPTH = CallDepth.newKind();

  private Servlets() {}
}
