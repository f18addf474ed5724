package io.warren.instrumentation.http.bootstrap;

import io.warren.bootstrap.CommonAttributes;
import io.warren.bootstrap.SpanAttribute;

/** The attributes of the OpenTelemetry HTTP semantic conventions that Warren records. */
public final class HttpAttributes {

  public static final SpanAttribute REQUEST_METHOD = SpanAttribute.string("http.request.method");
  /** The method as sent, when it is none of the known ones ({@code http.request.method} is then {@code _OTHER}). */
  public static final SpanAttribute REQUEST_METHOD_ORIGINAL = SpanAttribute.string("http.request.method_original");
  public static final SpanAttribute RESPONSE_STATUS_CODE = SpanAttribute.longValue("http.response.status_code");
  public static final SpanAttribute ROUTE = SpanAttribute.string("http.route");
  public static final SpanAttribute URL_FULL = SpanAttribute.string("url.full");
  public static final SpanAttribute URL_PATH = SpanAttribute.string("url.path");
  public static final SpanAttribute URL_SCHEME = SpanAttribute.string("url.scheme");
  public static final SpanAttribute SERVER_ADDRESS = CommonAttributes.SERVER_ADDRESS;
  public static final SpanAttribute SERVER_PORT = CommonAttributes.SERVER_PORT;
  public static final SpanAttribute CLIENT_ADDRESS = SpanAttribute.string("client.address");
  public static final SpanAttribute USER_AGENT = SpanAttribute.string("user_agent.original");

  private HttpAttributes() {}
}
