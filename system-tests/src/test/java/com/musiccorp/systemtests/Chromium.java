package com.musiccorp.systemtests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's chromium and its chromedriver, found on the {@code PATH}: the browser tests need both
 * and skip (a JUnit assumption, before the system is started) when either is missing. The driver
 * is named explicitly, so Selenium Manager never downloads a browser or a driver.
 * List it before {@link RunningSystem} in {@code @ExtendWith}.
 */
final class Chromium implements BeforeAllCallback {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(browser().isPresent() && driver().isPresent(),
                "browser tests skipped: no chromium and chromedriver on the PATH "
                        + "(apt-get install chromium chromium-driver; ./musiccorp test installs them)");
    }

    /** A new headless browser with its own profile (so its own sessionStorage). */
    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> browser() {
        return BROWSERS.stream().map(Chromium::onPath).flatMap(Optional::stream).findFirst();
    }

    private static Optional<Path> driver() {
        return onPath("chromedriver");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/lib/chromium";
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isBlank()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }
}
