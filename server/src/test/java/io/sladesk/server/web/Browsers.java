package io.sladesk.server.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's chromium and chromium-driver (which
 * {@code .ci/run} installs), given by path so Selenium fetches nothing. Without them the
 * tests are skipped with a message saying so.
 */
final class Browsers implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final List<ChromeDriver> open = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    static void assumeInstalled() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present)
            System.out.println("SKIPPED browser tests: /usr/bin/chromium and /usr/bin/chromedriver are not installed"
                    + " (apt-get install -y chromium chromium-driver; .ci/run does it)");
        Assumptions.assumeTrue(present, "browser tests need /usr/bin/chromium and /usr/bin/chromedriver");
    }

    /** A new browser speaking this language (Accept-Language), this many pixels wide. */
    ChromeDriver open(String language, int width, int height) {
        try {
            Path profile = Files.createTempDirectory("sladesk-chromium");
            profiles.add(profile);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--user-data-dir=" + profile,
                    "--lang=" + language,
                    "--window-size=" + width + "," + height);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().implicitlyWait(Duration.ZERO);
            open.add(driver);
            return driver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (ChromeDriver d : open) {
            try {
                d.quit();
            } catch (RuntimeException ignored) {
                // the browser is gone already
            }
        }
        for (Path p : profiles) deleteQuietly(p.toFile());
    }

    private static void deleteQuietly(File f) {
        File[] children = f.listFiles();
        if (children != null) for (File c : children) deleteQuietly(c);
        f.delete();
    }
}
