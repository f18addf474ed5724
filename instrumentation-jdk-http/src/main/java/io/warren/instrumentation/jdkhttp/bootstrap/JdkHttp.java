package io.warren.instrumentation.jdkhttp.bootstrap;

import io.warren.bootstrap.CallDepth;

/** What the JDK HTTP advice shares: its instrumentation scope and its nesting guards. */
public final class JdkHttp {

  public static final String INSTRUMENTATION = "io.warren.jdk-http";

  /** The server's filter chain calls itself once per filter: the outermost call is the request. */
  public static final int SERVER_DEPTH = CallDepth.newKind();

  /** HttpClient's public send methods call one another: the outermost one is the request. */
  public static final int CLIENT_DEPTH = CallDepth.newKind();

  /** HttpURLConnection's connect, getOutputStream and getInputStream call one another. */
  public static final int URL_CONNECTION_DEPTH = CallDepth.newKind();

  private JdkHttp() {}
}
