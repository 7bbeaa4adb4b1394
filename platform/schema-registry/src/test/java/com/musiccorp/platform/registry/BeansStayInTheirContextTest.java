package com.musiccorp.platform.registry;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Another Micronaut service with the registry on its classpath must not get its filter, controllers or state. */
class BeansStayInTheirContextTest {
    @Test
    void aForeignContextLoadsNoneOfTheRegistrysBeans() {
        try (ApplicationContext other = ApplicationContext.builder().deduceEnvironment(false).start()) {
            assertThat(other.findBean(ReadinessFilter.class)).isEmpty();
            assertThat(other.findBean(RegistryLog.class)).isEmpty();
            assertThat(other.findBean(SubjectsController.class)).isEmpty();
            assertThat(other.findBean(ErrorResponses.ConfluentErrorProcessor.class)).isEmpty();
        }
    }
}
