package io.warren.agent.api;

import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The classes to transform, and which advice goes on which of their methods. */
public interface TypeInstrumentation {

  ElementMatcher<TypeDescription> typeMatcher();

  List<MethodAdvice> methodAdvice();
}
