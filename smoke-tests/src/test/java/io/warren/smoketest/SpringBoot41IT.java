package io.warren.smoketest;

import java.nio.file.Path;

/** The Spring AMQP smoke tests on the Spring Boot 4.1 fat jar (Spring AMQP 4.1, amqp-client 5.37.1). */
class SpringBoot41IT extends SpringBootAppTestBase {
  @Override
  Path appJar() {
    return bootJar("4.1");
  }

  @Override
  String boot() {
    return "boot41";
  }
}
