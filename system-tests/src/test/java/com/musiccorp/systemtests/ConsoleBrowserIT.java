package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator console in a real, headless chromium, against the whole system, through the one
 * base URL: signing in (a link or a typed token), a saga page that follows its saga live to
 * COMPLETED, a failed dispatch retried from the console, the choreography as a picture, and a
 * context's dead letters. Every wait is on a condition in the page, never a fixed sleep.
 */
@ExtendWith({Chromium.class, RunningSystem.class})
class ConsoleBrowserIT {
    private static final Duration SAGA = Duration.ofSeconds(90);
    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);
    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void theStartsSignInLinkKeepsTheTokenForTheSessionAndTakesItOutOfTheAddress() throws Exception {
        String token = system.credentials().adminToken();
        String printed = Files.readAllLines(system.home().resolve("console.log")).stream()
                .filter(l -> l.startsWith("Console ")).findFirst().orElseThrow();
        String link = printed.substring(printed.indexOf("http://"));
        assertThat(link).isEqualTo(api() + "/console/?token=" + token);

        browser.get(link);
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("signed-in-role"), "admin"));
        assertThat(browser.getCurrentUrl()).isEqualTo(api() + "/console/");
        assertThat(browser.executeScript("return sessionStorage.getItem('musiccorp.token')")).isEqualTo(token);

        browser.get(api() + "/console/choreography?token=" + token); // a link to another page works alike
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("signed-in-role"), "admin"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/choreography").doesNotContain("token");

        browser.get(api() + "/console/"); // another page of the same tab: still signed in, no token in the address
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#counts .count")));
        assertThat(browser.getCurrentUrl()).doesNotContain("token");
    }

    @Test
    void anAnonymousVisitorIsAskedForATokenAndToldWhenItIsRefused() {
        browser.get(api() + "/console/");
        WebElement input = waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        assertThat(browser.findElement(By.id("sign-in")).getText()).contains("needs a bearer token");

        input.sendKeys("not-a-token");
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "not accepted"));

        browser.findElement(By.xpath("//div[@id='notice']//button[normalize-space()='Sign in again']")).click();
        waitFor(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
                .sendKeys(system.credentials().operatorToken());
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("signed-in-role"), "operator"));
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#counts .count")));
    }

    @Test
    void theListShowsASagaAndTheSearchOpensItByOrderId() {
        shop.receive("CONSOLE-4", 5);
        String orderId = shop.place("console-list", "tok_visa", List.of(new Shop.Line("CONSOLE-4", 1, 1500)));
        String correlationId = correlationIdOf(orderId);

        signIn("/console/");
        By row = By.cssSelector("#saga-list tr[data-correlation-id='" + correlationId + "']");
        waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(row)); // refreshed every 10 s
        assertThat(browser.findElement(row).getText()).contains(orderId);

        browser.findElement(By.id("saga-search")).sendKeys(orderId);
        browser.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("saga-order-id"), orderId));
        assertThat(browser.getCurrentUrl()).isEqualTo(api() + "/console/sagas/" + correlationId);
    }

    @Test
    void aSagaPageFollowsItsOrderToCompletedWithoutReloading() {
        shop.receive("CONSOLE-1", 5);
        // The payment gateway answers in 3 s, so the page sees the saga before it completes.
        String orderId = shop.place("console-cust", "tok_slow_3000", List.of(new Shop.Line("CONSOLE-1", 1, 1999)));
        String correlationId = correlationIdOf(orderId);

        signIn("/console/sagas/" + correlationId);
        browser.executeScript("window.notReloaded = true");
        waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("saga-order-id"), orderId));
        List<String> seen = new java.util.ArrayList<>(); // every status the page showed, polled each 200 ms
        waitFor(SAGA).until(page -> {
            String status = page.findElement(By.id("saga-status")).getAttribute("data-status");
            if (seen.isEmpty() || !seen.getLast().equals(status)) seen.add(status);
            return status.equals("COMPLETED");
        });

        assertThat(seen).as("the page changed status while open").hasSizeGreaterThan(1).first().isEqualTo("IN_PROGRESS");
        assertThat(browser.executeScript("return window.notReloaded === true")).as("the page was not reloaded").isEqualTo(true);
        assertThat(browser.findElement(By.id("live-state")).getText()).isEqualTo("live");
        assertThat(timeline()).contains("OrderPlaced", "StockReserved", "PaymentTaken", "OrderDispatched", "OrderCompleted");
    }

    @Test
    void aFailedDispatchIsRetriedFromTheConsole() {
        shop.receive("CONSOLE-2", 5);
        // The system under test tries 3 times (WAREHOUSE_DISPATCH_MAX_ATTEMPTS): NOVAN 3 fails them all, the retry finds a van.
        String orderId = shop.place("console-retry", "tok_visa", List.of(new Shop.Line("CONSOLE-2", 1, 2500)), "NOVAN 3");
        String correlationId = correlationIdOf(orderId);

        signIn("/console/sagas/" + correlationId);
        waitFor(SAGA).until(ExpectedConditions.attributeToBe(By.id("saga-status"), "data-status", "NEEDS_ATTENTION"));
        assertThat(browser.findElement(By.id("saga-reason")).getText()).contains("NOVAN 3");

        browser.findElement(By.id("retry-dispatch")).click();
        WebElement confirm = waitFor(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok")));
        assertThat(browser.findElement(By.id("confirm-title")).getText()).isEqualTo("Retry the dispatch?");
        confirm.click();

        waitFor(SAGA).until(ExpectedConditions.attributeToBe(By.id("saga-status"), "data-status", "COMPLETED"));
        assertThat(timeline()).contains("DispatchFailed", "OrderDispatched");
        JsonNode fulfilment = Http.get(api() + "/fulfilments/" + orderId).body();
        assertThat(fulfilment.get("dispatchAttempts").asInt()).isEqualTo(4); // three failed, the console's retry found a van
    }

    @Test
    void theChoreographyIsAPictureOfEventTypesAndTransitions() {
        shop.receive("CONSOLE-3", 5);
        shop.awaitSaga(shop.place("console-graph", "tok_visa", List.of(new Shop.Line("CONSOLE-3", 1, 999))), "COMPLETED");

        signIn("/console/choreography");
        waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#choreography-graph g.edge")));
        List<String> nodes = browser.findElements(By.cssSelector("#choreography-graph g.node")).stream()
                .map(n -> n.getAttribute("data-event-type")).toList();
        assertThat(nodes).contains("OrderPlaced", "StockReserved", "PaymentTaken", "OrderPackaged", "OrderDispatched",
                "PointsAwarded", "OrderCompleted");
        List<WebElement> edges = browser.findElements(By.cssSelector("#choreography-graph g.edge"));
        assertThat(edges).hasSizeGreaterThanOrEqualTo(5).allSatisfy(edge -> {
            assertThat(nodes).contains(edge.getAttribute("data-from"), edge.getAttribute("data-to"));
            assertThat(edge.findElement(By.cssSelector("text")).getText()).matches("\\d+ · p50 .+ · p99 .+");
        });
        assertThat(edges).extracting(e -> e.getAttribute("data-from") + " -> " + e.getAttribute("data-to"))
                .as("the happy path, each step linked to the published fact it answered")
                .contains("OrderPlaced -> StockReserved", "StockReserved -> PaymentTaken", "PaymentTaken -> OrderPackaged",
                        "OrderPackaged -> OrderDispatched", "OrderDispatched -> PointsAwarded", "PointsAwarded -> OrderCompleted");
        assertThat(browser.findElements(By.cssSelector("#transitions tbody tr"))).hasSameSizeAs(edges);
    }

    @Test
    void eachContextsDeadLettersAreListedForAnAdmin() {
        signIn("/console/dead-letters");
        new Select(waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("dlq-context"))))
                .selectByValue("payments");
        // Either the list or "payments.dlq is empty.": both mean the api routed /admin/payments/dead-letters.
        waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters"), "payments.dlq"));
    }

    private void signIn(String page) {
        browser.get(api() + page + "?token=" + system.credentials().adminToken());
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("signed-in-role"), "admin"));
    }

    /** The event types of the page's timeline, read at once (the live page may re-render between two reads). */
    @SuppressWarnings("unchecked")
    private List<String> timeline() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#timeline tbody tr[data-event-type]')].map(r => r.dataset.eventType)");
    }

    private String correlationIdOf(String orderId) {
        AtomicReference<String> id = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Http.Answer saga = Http.get(api() + "/sagas/by-order/" + orderId);
            if (saga.status() == 200) id.set(saga.body().get("correlationId").asText());
            return id.get() != null;
        });
        return id.get();
    }

    private WebDriverWait waitFor(Duration atMost) {
        WebDriverWait wait = new WebDriverWait(browser, atMost, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class); // a live page replaces what it re-renders
        wait.withMessage(() -> "page " + browser.getCurrentUrl() + " shows: " + ((JavascriptExecutor) browser)
                .executeScript("return document.body ? document.body.innerText.slice(0, 2000) : ''"));
        return wait;
    }

    private String api() {
        return system.url("api");
    }
}
