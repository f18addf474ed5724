/**
 * Helper classes: defined in the class loader of the application's OpenTelemetry API (never
 * loaded by the agent), they implement its interfaces over Warren's bridge. They may use only
 * that API, the JDK and {@code io.warren.bootstrap}; each is listed in the module's {@code
 * helperClassNames()}, nested classes included (so no lambdas: their classes have no name to
 * list).
 */
package io.warren.instrumentation.opentelemetryapi.application;
