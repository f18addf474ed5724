package io.warren.instrumentation.apachehttpclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Apache HttpClient 5, classic API: a CLIENT span for each request a client built by {@code
 * HttpClients} or {@code HttpClientBuilder} sends (Spring's RestTemplate and RestClient with
 * {@code HttpComponentsClientHttpRequestFactory} among them), its context in the request's
 * headers. The minimal client ({@code HttpClients.createMinimal}), which has no execution chain,
 * is not traced.
 */
public final class ApacheHttpClientInstrumentationModule implements InstrumentationModule {

  private static final String PROTOCOL_EXEC = "org.apache.hc.client5.http.impl.classic.ProtocolExec";
  private static final String SCOPE = "org.apache.hc.client5.http.classic.ExecChain$Scope";

  @Override
  public String name() {
    return "apache-httpclient";
  }

  @Override
  public String requiredClass() {
    return PROTOCOL_EXEC;
  }

  /** {@code execute(ClassicHttpRequest, ExecChain.Scope, ExecChain)}. */
  @Override
  public List<String> referencedTypes() {
    return Collections.singletonList(SCOPE.replace('.', '/'));
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(
        new TypeInstrumentation() {
          @Override
          public ElementMatcher<TypeDescription> typeMatcher() {
            return named(PROTOCOL_EXEC);
          }

          @Override
          public List<MethodAdvice> methodAdvice() {
            return Collections.singletonList(new MethodAdvice(
                named("execute").and(takesArguments(3)).and(takesArgument(1, named(SCOPE))),
                "io.warren.instrumentation.apachehttpclient.ProtocolExecAdvice"));
          }
        });
  }
}
