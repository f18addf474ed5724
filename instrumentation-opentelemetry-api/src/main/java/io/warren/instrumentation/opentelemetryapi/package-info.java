/**
 * The bridge from the OpenTelemetry API on the application's class path to Warren's own SDK
 * (issue 22). This is the design; what is built so far is listed at the end.
 *
 * <h2>The problem</h2>
 *
 * Warren's spans are made by a copy of the OpenTelemetry SDK relocated under {@code
 * io.warren.shaded}, in the agent's class loader. The application's {@code opentelemetry-api}
 * (1.20.0 to 1.68.0, usually without an SDK) is another copy of the same classes, in the
 * application's loader: without a bridge its {@code GlobalOpenTelemetry} is a no-op, its spans are
 * lost, {@code Span.current()} in a traced handler is invalid, and Warren never sees a span the
 * application made current (its publishes start new traces).
 *
 * <h2>How the OpenTelemetry Java agent does it (studied, not copied)</h2>
 *
 * Its {@code opentelemetry-api} instrumentation compiles classes against a renamed copy of the
 * API ({@code application.io.opentelemetry}, renamed back when its jar is built) and injects them
 * into the application's loader: {@code ApplicationOpenTelemetry} (what {@code
 * GlobalOpenTelemetry.get()} returns, by exit advice; {@code set} only logs), tracer, span
 * builder and span wrappers that delegate to the agent's own objects, and {@code
 * AgentContextStorage}, an application {@code ContextStorage} (put innermost by advice on {@code
 * ContextStorageWrappers.getWrappers}) whose {@code current()} wraps the agent's current context
 * and whose {@code attach} converts the application's context to the agent's, key by key (span,
 * baggage: the application's keys found by reflection on the API's key holders).
 *
 * <h2>Warren's design</h2>
 *
 * <ol>
 *   <li><b>Helper classes in the application's loader</b> (the agent's generic capability, {@code
 *       InstrumentationModule.helperClassNames()}): this module's {@code application} package
 *       implements the application's API interfaces. It is compiled against the oldest supported
 *       API (1.20.0) under its real names; the agent jar relocates those names with the SDK's,
 *       and the agent undoes the relocation when it defines the helpers in each loader whose
 *       classes this module instruments (once per loader, before them). No renamed API copy is
 *       needed. The helpers reach Warren only through {@code io.warren.bootstrap} (JDK types),
 *       never the relocated SDK: one boundary, the one advice already uses. The jar's relocation
 *       also rewrites string constants, so this module's own classes (matchers, names) write the
 *       API's class names through {@code Relocation.undone}.
 *   <li><b>One context, Warren's.</b> Warren's (relocated) {@code Context} stays the only store
 *       of what is current on a thread, so everything Warren already carries across threads
 *       (executors, {@code CompletableFuture}, Vert.x) carries the application's context too. The
 *       application's {@code ContextStorage} is replaced with a helper by exit advice on {@code
 *       LazyStorage.createStorage(AtomicReference)}, which makes the API's base storage once
 *       (package-private, the same in 1.20.0 and 1.68.0, checked with {@code javap}); the
 *       application's own storage wrappers still wrap it. ({@code
 *       ContextStorageWrappers.getWrappers()}, where the OpenTelemetry agent hooks in, names the
 *       API's types only in generic signatures, and Warren's class-file filter looks at the
 *       erased ones, so it never reaches Byte Buddy.) A helper whose {@code current()} is a view of Warren's current
 *       context ({@code Tracing.currentContext()}) and whose {@code attach} makes the matching
 *       Warren context current ({@code Tracing.attach}) and returns a scope that {@code
 *       Tracing.detach}es. The view answers the API's span key with a helper span for Warren's
 *       span in that context and keeps any other key of the application beside it, and in it (as its extra value, so it follows Warren's hand-offs).
 *       The API's span and baggage keys are learnt without reflection: {@code
 *       Span.storeInContext} and {@code Baggage.storeInContext} are called once on a probe
 *       context that records the key it is given.
 *   <li><b>The application's spans are Warren spans.</b> {@code GlobalOpenTelemetry.get()} (exit
 *       advice, when the application set no SDK of its own) returns a helper {@code
 *       OpenTelemetry} whose tracer's span builder starts an INTERNAL span (or the kind asked)
 *       through {@code Tracing} with the parent taken from the context given or current, and
 *       whose spans hold Warren's opaque handle: attributes, events, status, name and end go to
 *       the same handle calls advice makes. {@code Span.current()} in code Warren traces is such
 *       a helper span over Warren's own span, so {@code setAttribute} lands on Warren's span.
 *   <li><b>What the bridge needs from {@code io.warren.bootstrap}</b>, all generic (no library
 *       named, JDK types only): a span's handle and ids from an opaque context, a context with a
 *       given span (or remote parent ids) in it, attributes by any key name (bounded cache of
 *       keys), events and status on a handle. Additive methods on {@code Tracing} and {@code
 *       TracingBackend}, each suppressing its failures as every bridge call does, so a failing
 *       tracer behind the bridge never throws into the application.
 *   <li><b>Baggage</b> rides in Warren's context under the same key the propagators use, so
 *       what the application sets before a publish goes out with the message per {@code
 *       otel.propagators}; {@code getPropagators()} of the helper hands the application a
 *       propagator backed by Warren's, over a map carrier.
 *   <li><b>An application with its own SDK</b> ({@code GlobalOpenTelemetry.set}, or Spring
 *       Boot's Micrometer bridge): its telemetry stays its own (the helper tracer is not
 *       returned; {@code set} is left to succeed, never failing because of Warren). The context
 *       storage bridge still applies: a span of its SDK made current puts in Warren's context a
 *       non-recording stand-in with its ids ({@code Tracing.contextWith} with its {@code TraceIds}), so Warren's spans
 *       are its children; the application asking for the current span gets its own span back
 *       while the stand-in is Warren's current span ({@code OwnSdkSpans}); inside a Warren span
 *       its SDK sees Warren's span as current and parents its spans on it.
 *   <li><b>{@code @WithSpan}</b> is not here: the module {@code
 *       instrumentation-opentelemetry-annotations} makes those spans through the bridge like any
 *       module, so it needs nothing of this one.
 *   <li><b>Switch</b>: {@code warren.instrumentation.opentelemetry-api.enabled=false} leaves the
 *       API's classes untouched: it behaves as without Warren.
 * </ol>
 *
 * <h2>Testing</h2>
 *
 * In a unit test the agent's SDK is not relocated, so the application's API is loaded in a loader
 * of its own (child-first for {@code io.opentelemetry}, the JDK and {@code io.warren.bootstrap}
 * from the test's), once with 1.20.0 and once with 1.68.0; the smoke tests run the packaged jar.
 *
 * <h2>Built so far</h2>
 *
 * The helper-class capability of the agent ({@code HelperClasses} in {@code agent/api}); the
 * bridge's handle calls ({@code Tracing.spanIn}, {@code contextWith}, {@code idsOf}, {@code
 * addEvent}, {@code setStatus}, {@code baggageIn}, {@code contextWithBaggage}, {@code inject},
 * {@code extract}, {@code propagationFields}, {@code SpanStart.linkTo}); here, {@code
 * GlobalOpenTelemetry.get()} giving Warren's tracer and propagators when no SDK was set, the
 * application's context storage kept in Warren's (span and baggage in Warren's context), spans
 * with attributes, events, status, names, exceptions, kinds, parents (given, none, or known by
 * ids), links and start times, and {@code Span.current()} over Warren's span (in-process tests on
 * 1.20.0 and 1.68.0; {@code OpenTelemetryApiIT} with the agent jar), the application's own SDK
 * beside Warren's ({@code OwnSdkIT}, {@code SpringBootOtelIT}). The application's other context
 * entries ride in Warren's context ({@code Tracing.contextWithExtra}), across its thread
 * hand-offs. Not yet: an end time given to {@code end}, baggage entry metadata.
 */
package io.warren.instrumentation.opentelemetryapi;
