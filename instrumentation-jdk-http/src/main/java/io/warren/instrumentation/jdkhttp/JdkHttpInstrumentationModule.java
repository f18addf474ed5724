package io.warren.instrumentation.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's own HTTP server and clients: a SERVER span for each request a {@code
 * com.sun.net.httpserver.HttpServer} handles (current while its handler runs), a CLIENT span for
 * each request sent with {@code java.net.http.HttpClient} ({@code send}, {@code sendAsync}) or
 * {@code HttpURLConnection}, whose context goes out in the request's headers. The classes are the
 * JDK's implementation classes, named ({@link #bootClasses()}): no application class is looked at.
 */
public final class JdkHttpInstrumentationModule implements InstrumentationModule {

  private static final String PACKAGE = "io.warren.instrumentation.jdkhttp.";

  /** jdk.httpserver: every request goes through the context's filter chain to its handler. */
  private static final String FILTER_CHAIN = "com.sun.net.httpserver.Filter$Chain";
  /** java.net.http: what HttpClient.newHttpClient() and its builder return delegates to it. */
  private static final String HTTP_CLIENT = "jdk.internal.net.http.HttpClientImpl";
  /** java.base: the http and https URLConnection (https through a subclass). */
  private static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";

  /** Built when the agent resolves the advice, on its own thread (the matchers load Byte Buddy). */
  private static final class Instrumentations {
    static final List<TypeInstrumentation> CLASSES =
        Arrays.<TypeInstrumentation>asList(
            new JdkClass(FILTER_CHAIN,
                advice(named("doFilter").and(takesArguments(1)), "ServerExchangeAdvice")),
            new JdkClass(HTTP_CLIENT,
                advice(isPublic().and(namedOneOf("send", "sendAsync")), "ClientSendAdvice")),
            new JdkClass(URL_CONNECTION,
                advice(isPublic().and(namedOneOf("connect", "getOutputStream", "getInputStream"))
                        .and(takesArguments(0)),
                    "UrlConnectionAdvice"),
                advice(isPublic().and(named("disconnect")).and(takesArguments(0)),
                    "UrlConnectionDisconnectAdvice")));
  }

  @Override
  public String name() {
    return "jdk-http";
  }

  @Override
  public String requiredClass() {
    return URL_CONNECTION;
  }

  /** None: the JDK classes are named ({@link #bootClasses()}). */
  @Override
  public List<String> referencedTypes() {
    return Collections.emptyList();
  }

  /** No span can be current, nor exported, before the agent has started. */
  @Override
  public boolean needsClassesFromStart() {
    return false;
  }

  @Override
  public Set<String> bootClasses() {
    return new LinkedHashSet<String>(Arrays.asList(FILTER_CHAIN, HTTP_CLIENT, URL_CONNECTION));
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Instrumentations.CLASSES;
  }

  private static MethodAdvice advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
    return new MethodAdvice(methods, PACKAGE + adviceClass);
  }

  /** One JDK class, by name, and the advice on its methods. */
  private static final class JdkClass implements TypeInstrumentation {
    private final String className;
    private final List<MethodAdvice> advice;

    JdkClass(String className, MethodAdvice... advice) {
      this.className = className;
      this.advice = Arrays.asList(advice);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(className);
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return advice;
    }
  }
}
