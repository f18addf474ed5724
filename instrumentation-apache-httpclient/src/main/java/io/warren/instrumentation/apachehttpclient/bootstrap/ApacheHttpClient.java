package io.warren.instrumentation.apachehttpclient.bootstrap;

import io.warren.bootstrap.CallDepth;

/** What the Apache HttpClient advice shares: its instrumentation scope and its nesting guard. */
public final class ApacheHttpClient {

  public static final String INSTRUMENTATION = "io.warren.apache-httpclient";

  /**
   * One request's protocol step: an authentication challenge makes it run the rest of the chain
   * again inside itself; the outermost call is the request.
   */
  public static final int EXCHANGE_DEPTH = CallDepth.newKind();

  private ApacheHttpClient() {}
}
