package io.warren.instrumentation.opentelemetryannotations;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasParameters;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.whereAny;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.Relocation;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Methods annotated with OpenTelemetry's {@code @WithSpan} become Warren spans: named by the
 * annotation or {@code Class.method}, current while the method runs, ended when it returns or
 * throws, or when the {@code CompletionStage} it returns completes. {@code @SpanAttribute}
 * parameters are the span's attributes. The annotations are matched by name, so the agent carries
 * no copy of them; the application's {@code Span.current()} inside such a method is this span
 * through the OpenTelemetry API module. Switch: {@code
 * warren.instrumentation.opentelemetry-annotations.enabled}.
 */
public final class OpenTelemetryAnnotationsInstrumentationModule implements InstrumentationModule {

  // The agent jar relocates io.opentelemetry names, string constants included: undone here, as
  // these are the application's annotations.
  static final String WITH_SPAN =
      Relocation.undone("io.opentelemetry.instrumentation.annotations.WithSpan");
  static final String SPAN_ATTRIBUTE =
      Relocation.undone("io.opentelemetry.instrumentation.annotations.SpanAttribute");

  @Override
  public String name() {
    return "opentelemetry-annotations";
  }

  @Override
  public String requiredClass() {
    return WITH_SPAN;
  }

  /** The annotation is on every method this module instruments (no signature names it). */
  @Override
  public List<String> referencedTypes() {
    return Collections.singletonList(WITH_SPAN.replace('.', '/'));
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new AnnotatedMethods());
  }

  /** Every class declaring a {@code @WithSpan} method; its parameters read only where needed. */
  private static final class AnnotatedMethods implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return declaresMethod(isAnnotatedWith(named(WITH_SPAN)));
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      ElementMatcher.Junction<MethodDescription> traced =
          isMethod().and(not(isAbstract())).and(isAnnotatedWith(named(WITH_SPAN)));
      ElementMatcher.Junction<MethodDescription> withAttributes =
          hasParameters(whereAny(isAnnotatedWith(named(SPAN_ATTRIBUTE))));
      return Arrays.asList(
          new MethodAdvice(traced.and(not(withAttributes)), WithSpanAdvice.class.getName()),
          new MethodAdvice(traced.and(withAttributes), WithSpanAttributesAdvice.class.getName()));
    }
  }
}
