package io.warren.smoketest;

import java.nio.file.Path;

/** The Spring AMQP smoke tests on the Spring Boot 4.0 fat jar (Spring AMQP 4.0). */
class SpringBoot4IT extends SpringBootAppTestBase {
  @Override
  Path appJar() {
    return bootJar("4");
  }

  @Override
  String boot() {
    return "boot4";
  }
}
