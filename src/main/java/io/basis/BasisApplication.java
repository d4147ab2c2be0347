package io.basis;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Basis service: collection, storage, analytics and the HTTP API in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BasisApplication {
    public static void main(String[] args) {
        SpringApplication.run(BasisApplication.class, args);
    }
}
