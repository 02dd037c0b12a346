package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupKeysTest {

    @Test
    void keysV2CannotServeAreCounted() {
        int count = StartupKeys.countKeysV2CannotServe(List.of("GOOD-KEY-1", "BAD_KEY_1", "ALSO BAD?"));

        assertThat(count).isEqualTo(2);
    }

    @Test
    void demoKeysAreAllServable() {
        assertThat(StartupKeys.countKeysV2CannotServe(DemoKeys.KEYS)).isZero();
    }
}
