package com.musiccorp.systemtests;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No service writes personal data to its log: no customer's name, e-mail or street address, neither
 * those that need none to do their work (payments, loyalty, saga-status, the api and the payment
 * gateway) nor the three that open it (orders for its view, the warehouse for the carrier,
 * notifications for the mailer). Runs last ({@code junit-platform.properties}), after every other class of the run
 * has placed its orders, and places a few of its own on other paths (declined, short of stock), so
 * the logs it reads are those of the whole run.
 */
@ExtendWith(RunningSystem.class)
@Order(Integer.MAX_VALUE)
class PersonalDataInLogsIT {
    /** Every service: the three that open personal fields (orders, warehouse, notifications) log none of them either. */
    static final List<String> SERVICES = List.of("orders", "warehouse", "payments", "loyalty", "notifications",
            "saga-status", "api", "payment-gateway");
    /** What every order of the run carries ({@link Shop#orderBody}): a name, an e-mail, a street. */
    static final Pattern PERSONAL_DATA = Pattern.compile("Ada [A-Za-z0-9-]+ Lovelace|[A-Za-z0-9._-]+@example\\.com|Abbey Road");

    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);

    @Test
    void noServiceLogsPersonalData() throws IOException {
        shop.receive("PRIVATE-1", 3);
        String completed = shop.place("private-cust", "tok_visa", List.of(new Shop.Line("PRIVATE-1", 1, 1500)));
        String declined = shop.place("private-cust", "tok_decline", List.of(new Shop.Line("PRIVATE-1", 1, 1500)));
        String tooMany = shop.place("private-cust", "tok_visa", List.of(new Shop.Line("PRIVATE-1", 50, 1500)));
        shop.awaitOrder(completed, "COMPLETED");
        shop.awaitOrder(declined, "CANCELLED");
        shop.awaitOrder(tooMany, "CANCELLED");

        // The events carry it only sealed under the customer's key (PersonalDataErasureIT opens and erases it).
        assertThat(EventLog.readAll(system).stream().filter(w -> w.key().equals(completed)).map(w -> w.event().toString()))
                .as("the order's events").isNotEmpty()
                .noneMatch(e -> PERSONAL_DATA.matcher(e).find()).anyMatch(e -> e.contains("pii:1:"));

        Path logs = system.home().resolve("logs");
        // The same search finds it where it belongs: the mail provider's record of whom it wrote to.
        assertThat(Files.readAllLines(system.home().resolve("state").resolve("mail-provider").resolve("mailbox.log"),
                StandardCharsets.UTF_8)).as("the mail provider's outbox names recipients")
                .anyMatch(l -> PERSONAL_DATA.matcher(l).find());
        List<String> leaks = new ArrayList<>();
        for (String service : SERVICES) {
            Path log = logs.resolve(service + ".log");
            assertThat(log).as("%s's log", service).exists();
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(lines).as("%s logged something", service).isNotEmpty();
            lines.stream().filter(l -> PERSONAL_DATA.matcher(l).find()).limit(5).forEach(l -> leaks.add(service + ": " + l));
        }
        assertThat(leaks).as("personal data in the services' logs").isEmpty();
    }
}
